package org.civicsafety.grid.workload;

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
 * Tokens signed here with the development key files of {@code deploy/dev-keys}: the identity provider's (kid
 * {@code dev-idp}, the claims {@code deploy/platform token} gives) for people, and the gateway's (kid
 * {@code gateway-internal}) for the internal token it turns a partner's API key into. The integration test runs in its
 * own JVM, without the Quarkus test configuration that {@code Jwt...sign()} would read.
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
    private static final PrivateKey IDP = load("idp-private.pem");
    private static final PrivateKey GATEWAY = load("gateway-private.pem");

    private DevTokens() {}

    /** A person's token: {@code sub} in {@code role}; {@code area} and {@code unit} are added when not null. */
    static String token(String sub, String role, String area, String unit) {
        Map<String, Object> claims = claims(sub, role);
        if (area != null) {
            claims.put("area", area);
        }
        if (unit != null) {
            claims.put("unit", unit);
        }
        return sign(claims, "dev-idp", IDP);
    }

    /** The gateway's internal token for a partner's API key that may post {@code categories}. */
    static String partner(String partnerId, List<String> categories) {
        Map<String, Object> claims = claims(partnerId, "partner");
        claims.put("partner", partnerId);
        claims.put("categories", categories);
        claims.put("apiKeyId", "key-" + partnerId);
        return sign(claims, "gateway-internal", GATEWAY);
    }

    private static Map<String, Object> claims(String sub, String role) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", List.of(role));
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(Map<String, Object> claims, String kid, PrivateKey key) {
        try {
            String header = B64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String input = header + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static PrivateKey load(String file) {
        // failsafe runs in the module's folder; the key pairs live in the repository's deploy/dev-keys
        Path pem = Path.of("../deploy/dev-keys", file);
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development key " + pem.toAbsolutePath(), e);
        }
    }
}
