package org.civicsafety.gateway.workload;

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
 * kid {@code dev-idp}) with the claims {@code deploy/platform token} puts in them. The workload runs in its own JVM,
 * beside the packaged gateway, without the Quarkus test configuration that {@code Jwt...sign()} reads.
 */
final class DevTokens {

    static final String ISSUER = "https://idp.civicsafety.local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final PrivateKey KEY = load();

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
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", roles);
        claims.put("iat", Math.min(Instant.now().getEpochSecond(), expiresAt - 60));
        claims.put("exp", expiresAt);
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
