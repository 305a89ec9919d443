package org.civicsafety.cases.workload;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Set;

/**
 * Tokens of the development identity provider (kid {@code dev-idp}, the claims {@code deploy/platform token} gives),
 * signed with its key file: the integration test runs in its own JVM, without the Quarkus test configuration that
 * {@code Jwt...sign()} would read the key from.
 */
final class DevTokens {
    /**
     * The issuer the service under test checks. In the dev and test profiles Quarkus's smallrye-jwt build step sets
     * {@code mp.jwt.verify.issuer=https://quarkus.io/issuer} when the project configures none (the integration test
     * launches the jar with it, as {@code @QuarkusTest} runs with it); production checks no issuer.
     */
    static final String ISSUER = System.getProperty("workload.jwt.issuer", "https://quarkus.io/issuer");
    private static final PrivateKey KEY = key("idp-private.pem");

    private DevTokens() {}

    /** A token of {@code sub} in {@code role} for an hour; {@code area} and {@code unit} are added when not null. */
    static String token(String sub, String role, String area, String unit) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(sub).upn(sub).groups(Set.of(role)).expiresIn(3600);
        if (area != null) {
            claims.claim("area", area);
        }
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims.jws().keyId("dev-idp").sign(KEY);
    }

    private static PrivateKey key(String file) {
        // failsafe runs in the module's folder; the key pairs live in the repository's deploy/dev-keys
        Path pem = Path.of("../deploy/dev-keys", file);
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development key " + pem.toAbsolutePath(), e);
        }
    }
}
