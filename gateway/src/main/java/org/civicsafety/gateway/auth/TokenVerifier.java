package org.civicsafety.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.Set;

/**
 * Verifies bearer tokens (RS256) against the configured keys (mp.jwt.verify.publickey.location:
 * a JWKS file, or the identity provider's JWKS URL, which smallrye-jwt refreshes so rotated keys
 * are picked up). Runs off the event loop: the first use loads the keys.
 * <p>
 * A client sends the same token with every request until it expires, so a verified token is
 * remembered (at most a minute, never past its {@code exp}): the signature check and the hop to
 * a worker thread then happen once per token, not once per request. A key withdrawn from the
 * JWKS therefore stops being honoured up to a minute later.
 */
@Singleton
public class TokenVerifier {

    @Inject JWTParser parser;

    @Inject Vertx vertx;

    private record Verified(Caller caller, long expiresAtSecond) {}

    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /** The caller of a valid token, or a failed future with {@link InvalidTokenException}. */
    public Future<Caller> verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null && System.currentTimeMillis() / 1000 < known.expiresAtSecond()) {
            return Future.succeededFuture(known.caller());
        }
        return vertx.executeBlocking(() -> {
            try {
                JsonWebToken jwt = parser.parse(token);
                if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                    throw new InvalidTokenException("The token has no subject.");
                }
                Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
                Caller caller = Caller.user(jwt.getSubject(), groups);
                verified.put(token, new Verified(caller, jwt.getExpirationTime()));
                return caller;
            } catch (ParseException | RuntimeException e) {
                if (e instanceof InvalidTokenException invalid) {
                    throw invalid;
                }
                // whatever the parser trips over in a token, it is the token that is bad
                throw new InvalidTokenException("The bearer token is invalid or expired.");
            }
        }, false);
    }

    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
