package org.civicsafety.gateway.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Verifies bearer tokens (RS256) against the configured keys (mp.jwt.verify.publickey.location:
 * a JWKS file, or the identity provider's JWKS URL, which smallrye-jwt refreshes so rotated keys
 * are picked up). Runs off the event loop: the first use loads the keys.
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    JWTParser parser;

    @Inject
    Vertx vertx;

    /** The caller of a valid token, or a failed future with {@link InvalidTokenException}. */
    public Future<Caller> verify(String token) {
        return vertx.executeBlocking(() -> {
            try {
                JsonWebToken jwt = parser.parse(token);
                if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                    throw new InvalidTokenException("The token has no subject.");
                }
                Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
                return Caller.user(jwt.getSubject(), groups);
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
