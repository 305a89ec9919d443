package org.civicsafety.assessment.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens of the development identity provider, signed here with its key file ({@code deploy/dev-keys/idp-private.pem},
 * kid {@code dev-idp}) with the claims {@code deploy/platform token} gives them: the integration test runs in its own
 * JVM, without the Quarkus test configuration that {@code Jwt...sign()} would read.
 */
final class DevTokens {
    /**
     * The issuer the service under test checks. In the dev and test profiles Quarkus's smallrye-jwt build step sets
     * {@code mp.jwt.verify.issuer=https://quarkus.io/issuer} when the project configures none (the integration test
     * launches the jar with it, as {@code @QuarkusTest} runs with it); production checks no issuer.
     */
    static final String ISSUER = System.getProperty("workload.jwt.issuer", "https://quarkus.io/issuer");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final PrivateKey KEY = load();

    private DevTokens() {}

    /** A token of {@code sub} in {@code role}; {@code area} and {@code unit} are added when not null. */
    static String token(String sub, String role, String area, String unit) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(role));
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        if (area != null) {
            claims.put("area", area);
        }
        if (unit != null) {
            claims.put("unit", unit);
        }
        try {
            String header = B64.encodeToString(
                    "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"dev-idp\"}".getBytes(StandardCharsets.UTF_8));
            String input = header + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(KEY);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static PrivateKey load() {
        // failsafe runs in the module's folder; the key pair lives in the repository's deploy/dev-keys
        Path pem = Path.of("../deploy/dev-keys/idp-private.pem");
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development IdP key " + pem.toAbsolutePath(), e);
        }
    }
}
