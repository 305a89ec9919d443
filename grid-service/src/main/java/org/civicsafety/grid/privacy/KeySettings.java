package org.civicsafety.grid.privacy;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the key settings {@code grid.encryption.keys} ({@value #KEYS_ENV}: {@code id:base64Key,...})
 * and {@code grid.encryption.current-key-id} ({@value #KEY_ID_ENV}). Every refusal names the environment
 * variable and says what to do, and never repeats key material. In production the development keys published in
 * this repository are refused too: recognised by their SHA-256 fingerprint whatever id they are given, and any
 * id starting with {@code dev-}.
 */
public final class KeySettings {
    public static final String KEYS_ENV = "GRID_ENCRYPTION_KEYS";
    public static final String KEY_ID_ENV = "GRID_ENCRYPTION_KEY_ID";
    static final int KEY_BYTES = 32;
    /** Ids travel in every ciphertext header and in the settings' own syntax (no ':' or ','). */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * SHA-256 of the bytes of the development keys in application.properties ({@code %dev}, {@code %test});
     * KeySettingsTest checks that this list and the file agree.
     */
    static final Set<String> DEVELOPMENT_KEY_FINGERPRINTS = Set.of(
            "b3afcb8c9954f572dd06d0bbff1d0ca95954de4094f5ff857452112fd229a903",
            "489ade8f8c4e7fab478f7364a3c37f3d31f3b8a47e1f11ad28183049bf4ff3f8");
    static final String HOW_TO = "generate one with `openssl rand -base64 32` and set " + KEYS_ENV
            + "=<id>:<key> and " + KEY_ID_ENV + "=<id>";

    private KeySettings() {}

    /** The settings cannot be used; the message is meant for the operator's log. */
    public static final class InvalidKeySettings extends RuntimeException {
        InvalidKeySettings(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param production whether the published development keys must be refused
     * @throws InvalidKeySettings when a setting is missing or malformed, or production uses a development key
     */
    public static Keyring parse(Optional<String> keys, Optional<String> currentId, boolean production) {
        String list = keys.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> new InvalidKeySettings(
                KEYS_ENV + " is not set (GRID_CRYPTO_KEY is no longer read); " + HOW_TO));
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        int n = 0;
        for (String entry : list.split(",", -1)) {
            n++;
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon < 0) {
                throw new InvalidKeySettings(KEYS_ENV + " entry " + n + " is not of the form <id>:<base64 key>; "
                        + HOW_TO);
            }
            String id = e.substring(0, colon).trim();
            if (!ID.matcher(id).matches()) {
                throw new InvalidKeySettings(KEYS_ENV + " entry " + n + " has no valid key id (1-64 of A-Z a-z 0-9 . _"
                        + " -); " + HOW_TO);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(e.substring(colon + 1).trim());
            } catch (IllegalArgumentException notBase64) {
                throw new InvalidKeySettings(KEYS_ENV + " key '" + id + "' is not base64; " + HOW_TO);
            }
            if (raw.length != KEY_BYTES) {
                throw new InvalidKeySettings(KEYS_ENV + " key '" + id + "' has " + raw.length + " bytes, AES-256 needs "
                        + KEY_BYTES + "; " + HOW_TO);
            }
            if (parsed.put(id, new SecretKeySpec(raw, "AES")) != null) {
                throw new InvalidKeySettings(KEYS_ENV + " names key '" + id + "' twice; give every key its own id");
            }
            if (production && (id.startsWith("dev-") || DEVELOPMENT_KEY_FINGERPRINTS.contains(fingerprint(raw)))) {
                throw new InvalidKeySettings(KEYS_ENV + " holds the development key '" + id
                        + "' published in the repository; " + HOW_TO);
            }
        }
        String current = currentId.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new InvalidKeySettings(KEY_ID_ENV + " is not set; set it to the id of the key in " + KEYS_ENV
                        + " that encrypts new data (" + String.join(", ", parsed.keySet()) + ")"));
        if (!parsed.containsKey(current)) {
            throw new InvalidKeySettings(KEY_ID_ENV + " '" + current + "' is not one of the keys in " + KEYS_ENV + " ("
                    + String.join(", ", parsed.keySet()) + "); add that key or name one of these");
        }
        return new Keyring(current, new LinkedHashMap<>(parsed));
    }

    static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
