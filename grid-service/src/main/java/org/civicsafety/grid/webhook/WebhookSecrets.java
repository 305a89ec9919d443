package org.civicsafety.grid.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing: a secret is {@code whsec_} and the base64 of 32 random bytes; a signature is
 * {@code v1,} and the base64 of HMAC-SHA256 over {@code id.timestamp.body} keyed with the secret's decoded bytes.
 * During a rotation's overlap the {@code webhook-signature} header carries one signature per secret, space-separated.
 */
public final class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    public static String generate() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code secret} is {@code whsec_} and base64 key bytes, as a configured secret must be. */
    static boolean wellFormed(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() == PREFIX.length()) {
            return false;
        }
        try {
            Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code webhook-signature} header's value: a {@code v1,<signature>} per secret. */
    public static String signatures(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(s -> sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
