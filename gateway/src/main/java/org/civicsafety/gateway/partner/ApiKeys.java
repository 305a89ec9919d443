package org.civicsafety.gateway.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys are 256 random bits, so a plain SHA-256 is a sound way to store them: there is
 * nothing to brute-force that a slow password hash would protect.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "csp_";

    private ApiKeys() {}

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first characters, enough for people to tell their keys apart without revealing them. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }
}
