package org.civicsafety.cases.privacy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicsafety.cases.common.CasesConfig;

/**
 * Reads and checks a key setting ({@code cases.encryption.*}, {@code cases.pseudonym.*}). Every problem is
 * phrased for the operator who has to fix it: it names the environment variable and says what to do.
 */
public final class KeySettings {

    public enum Kind {
        ENCRYPTION("cases.encryption", "CASES_ENCRYPTION_KEYS", "CASES_ENCRYPTION_KEY_ID"),
        PSEUDONYM("cases.pseudonym", "CASES_PSEUDONYM_KEYS", "CASES_PSEUDONYM_KEY_ID");

        final String prefix;
        final String keysEnv;
        final String idEnv;

        Kind(String prefix, String keysEnv, String idEnv) {
            this.prefix = prefix;
            this.keysEnv = keysEnv;
            this.idEnv = idEnv;
        }
    }

    public static final int KEY_BYTES = 32;

    /** Key ids travel in every ciphertext's header: short, printable, no separators of the setting. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * SHA-256 of the development keys set under {@code %dev}/{@code %test} in application.properties
     * (KeySettingsTest checks they match): they are public, so production refuses them whatever their id.
     */
    static final Set<String> DEVELOPMENT_KEY_SHA256 = Set.of(
            "2cab9ad1ebc5aed9d912ad66e91cf678c9361c0a2e97e64a6c32198bbee2fc2c",
            "14e40062e8d2bb7653a8efeca519516df803f20044114f511de161992d992fe0");

    private KeySettings() {}

    /** Every problem with both key settings; {@code developmentKeysAllowed} only in the dev and test profiles. */
    public static List<String> problems(CasesConfig config, boolean developmentKeysAllowed) {
        List<String> problems = new ArrayList<>();
        problems.addAll(problems(Kind.ENCRYPTION, config.encryption(), developmentKeysAllowed));
        problems.addAll(problems(Kind.PSEUDONYM, config.pseudonym(), developmentKeysAllowed));
        return problems;
    }

    public static List<String> problems(Kind kind, CasesConfig.Keys setting, boolean developmentKeysAllowed) {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> keys = parse(kind, setting.keys(), problems);
        if (keys == null) {
            return problems;
        }
        Optional<String> current = setting.currentKeyId().map(String::strip).filter(s -> !s.isEmpty());
        if (current.isEmpty()) {
            problems.add(
                    kind.idEnv + " is not set (" + kind.prefix + ".current-key-id): set it to the id of the key in "
                            + kind.keysEnv + " that new data is written with");
        } else if (!keys.containsKey(current.get())) {
            problems.add(kind.idEnv + " names the key '" + current.get() + "', which " + kind.keysEnv
                    + " does not hold (it holds " + String.join(", ", keys.keySet()) + ")");
        }
        if (!developmentKeysAllowed) {
            keys.forEach((id, key) -> {
                if (DEVELOPMENT_KEY_SHA256.contains(sha256(key))) {
                    problems.add(kind.keysEnv + " holds the development key '" + id + "' published in the repository; "
                            + howTo(kind));
                } else if (id.startsWith("dev-")) {
                    problems.add(kind.keysEnv + " names a key '" + id
                            + "': ids starting with 'dev-' are kept for the development keys; " + howTo(kind));
                }
            });
        }
        return problems;
    }

    /** The ring the setting describes; a malformed one is an IllegalStateException with the operator's message. */
    public static KeyRing ring(Kind kind, CasesConfig.Keys setting) {
        List<String> problems = problems(kind, setting, true);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return new KeyRing(setting.currentKeyId().orElseThrow().strip(),
                parse(kind, setting.keys(), new ArrayList<>()));
    }

    /** The keys by id, or null (and the problems) when the setting is missing or malformed. */
    private static Map<String, byte[]> parse(Kind kind, Optional<String> setting, List<String> problems) {
        String value = setting.map(String::strip).orElse("");
        if (value.isEmpty()) {
            problems.add(kind.keysEnv + " is not set (" + kind.prefix + ".keys); " + howTo(kind));
            return null;
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        int before = problems.size();
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!KEY_ID.matcher(id).matches()) {
                // The entry itself is never repeated: it may hold a real key.
                problems.add(
                        kind.keysEnv + " entry " + (i + 1) + " is not <id>:<base64 key> with an id of 1-64 letters, "
                                + "digits, '.', '_' or '-'; " + howTo(kind));
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                problems.add(kind.keysEnv + " key '" + id + "' is not base64; " + howTo(kind));
                continue;
            }
            if (key.length != KEY_BYTES) {
                problems.add(kind.keysEnv + " key '" + id + "' is " + key.length + " bytes, not " + KEY_BYTES + "; "
                        + howTo(kind));
            } else if (keys.putIfAbsent(id, key) != null) {
                problems.add(kind.keysEnv + " lists the key id '" + id + "' twice");
            }
        }
        return problems.size() == before ? keys : null;
    }

    private static String howTo(Kind kind) {
        return "generate a key with `openssl rand -base64 32` and set " + kind.keysEnv + "=<id>:<key> and "
                + kind.idEnv + "=<id>";
    }

    static String sha256(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
