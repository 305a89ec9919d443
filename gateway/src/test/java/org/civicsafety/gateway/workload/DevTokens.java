package org.civicsafety.gateway.workload;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * Tokens of the development identity provider (kid {@code dev-idp}, the claims {@code deploy/platform token} puts in
 * them), signed with its key file: the workload runs in its own JVM, beside the packaged gateway, without the Quarkus
 * test configuration that {@code Jwt...sign()} would read the key from.
 */
final class DevTokens {

    static final String ISSUER = "https://idp.civicsafety.local";
    private static final PrivateKey KEY = key();

    private DevTokens() {}

    /** A token of {@code sub} with {@code roles}, valid for an hour; {@code area} and {@code unit} when not null. */
    static String token(String sub, List<String> roles, String area, String unit) {
        return sign(sub, roles, area, unit, Instant.now().getEpochSecond() + 3600);
    }

    /** A token that expired a minute ago: the identity provider's signature, but no longer honoured. */
    static String expired(String sub, List<String> roles) {
        return sign(sub, roles, null, null, Instant.now().getEpochSecond() - 60);
    }

    private static String sign(String sub, List<String> roles, String area, String unit, long expiresAt) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(sub).upn(sub).groups(new HashSet<>(roles))
                .issuedAt(Math.min(Instant.now().getEpochSecond(), expiresAt - 60)).expiresAt(expiresAt);
        if (area != null) {
            claims.claim("area", area);
        }
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.jws().keyId("dev-idp").sign(KEY);
    }

    private static PrivateKey key() {
        // failsafe runs in the module's folder; the key pair lives in the repository's deploy/dev-keys
        Path pem = Path.of("../deploy/dev-keys/idp-private.pem");
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development IdP key " + pem.toAbsolutePath(), e);
        }
    }
}
