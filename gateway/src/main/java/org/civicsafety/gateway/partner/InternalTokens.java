package org.civicsafety.gateway.partner;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a valid partner API key into the short-lived internal token the services accept
 * (RS256, kid gateway-internal, role partner). Tokens are reused while more than half their
 * lifetime remains, so signing does not happen on every request.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String KEY_ID = "gateway-internal";

    private record Cached(String token, Instant renewAfter) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final PrivateKey signingKey;
    private final Duration ttl;

    @Inject
    public InternalTokens(GatewayConfig config) {
        this.ttl = config.internalTokenTtl();
        try {
            String pem = Files.readString(Path.of(config.signingKey()));
            this.signingKey = KeyUtils.decodePrivateKey(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway signing key " + config.signingKey(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the gateway signing key is not an RSA private key in PEM", e);
        }
    }

    public String forPartner(PartnerKey key) {
        Instant now = Instant.now();
        Cached cached = cache.get(key.id());
        if (cached != null && now.isBefore(cached.renewAfter())) {
            return cached.token();
        }
        String token = Jwt.subject(key.partnerId())
                .upn(key.partnerId())
                .groups(Set.of("partner"))
                .claim("partner", key.partnerId())
                .claim("categories", key.categories())
                .claim("apiKeyId", key.id())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .jws().keyId(KEY_ID)
                .sign(signingKey);
        cache.put(key.id(), new Cached(token, now.plus(ttl.dividedBy(2))));
        return token;
    }
}
