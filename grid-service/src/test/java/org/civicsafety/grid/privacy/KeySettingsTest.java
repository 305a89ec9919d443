package org.civicsafety.grid.privacy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of the key settings: every refusal names the variable to set and never shows a key. */
class KeySettingsTest {
    static final String DEV_1 = "ZGV2LW9ubHktZ3JpZC1zZXJ2aWNlLWtleS0zMi1ieXQ=";
    static final String GOOD = "q1yc7xBq6a0JmC1bK3PzVh0Gkq2X6nA8c1lBv9wYt4E=";
    static final String OTHER = "3nX0c8p2Q1r9Ztq4Vb7m2YwK6s5dH0aJfL1eG8uC2iA=";

    private static String refusal(String keys, String id, boolean production) {
        KeySettings.InvalidKeySettings e = assertThrows(KeySettings.InvalidKeySettings.class,
                () -> KeySettings.parse(Optional.ofNullable(keys), Optional.ofNullable(id), production));
        assertFalse(e.getMessage().contains(GOOD) || e.getMessage().contains(DEV_1), "a key in: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMissingSettingNamesItsVariable() {
        assertTrue(refusal(null, "k1", true).startsWith("GRID_ENCRYPTION_KEYS is not set"));
        assertTrue(refusal("  ", "k1", true).startsWith("GRID_ENCRYPTION_KEYS is not set"));
        String noId = refusal("k1:" + GOOD, null, true);
        assertTrue(noId.startsWith("GRID_ENCRYPTION_KEY_ID is not set"), noId);
        assertTrue(noId.contains("k1"), noId);
        assertTrue(refusal("k1:" + GOOD, "", true).startsWith("GRID_ENCRYPTION_KEY_ID is not set"));
        assertTrue(refusal(null, null, false).contains("openssl rand -base64 32"));
    }

    @Test
    void malformedSettingsAreRefused() {
        assertTrue(refusal(GOOD, "k1", true).contains("entry 1 is not of the form <id>:<base64 key>"));
        assertTrue(refusal("k1:" + GOOD + ",", "k1", true).contains("entry 2"));
        assertTrue(refusal(":" + GOOD, "k1", true).contains("entry 1 has no valid key id"));
        assertTrue(refusal("k 1:" + GOOD, "k 1", true).contains("no valid key id"));
        assertTrue(refusal("k1:not*base64!", "k1", true).contains("key 'k1' is not base64"));
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertTrue(refusal("k1:" + short16, "k1", true).contains("key 'k1' has 16 bytes, AES-256 needs 32"));
        assertTrue(refusal("k1:" + GOOD + ",k1:" + OTHER, "k1", true).contains("names key 'k1' twice"));
        String unlisted = refusal("k1:" + GOOD + ",k2:" + OTHER, "k3", true);
        assertTrue(unlisted.startsWith("GRID_ENCRYPTION_KEY_ID 'k3' is not one of the keys in GRID_ENCRYPTION_KEYS"),
                unlisted);
        assertTrue(unlisted.contains("(k1, k2)"), unlisted);
    }

    @Test
    void productionRefusesTheDevelopmentKeysByContentAndByName() {
        assertEquals("GRID_ENCRYPTION_KEYS holds the development key 'dev-1' published in the repository; generate"
                + " one with `openssl rand -base64 32` and set GRID_ENCRYPTION_KEYS=<id>:<key> and"
                + " GRID_ENCRYPTION_KEY_ID=<id>", refusal("dev-1:" + DEV_1, "dev-1", true));
        // renamed, or kept only to decrypt: still the published key
        assertTrue(refusal("prod-7:" + DEV_1, "prod-7", true).contains("development key 'prod-7'"));
        assertTrue(refusal("prod-7:" + GOOD + ",old:" + DEV_1, "prod-7", true).contains("development key 'old'"));
        assertTrue(refusal("dev-9:" + GOOD, "dev-9", true).contains("development key 'dev-9'"));
    }

    @Test
    void goodKeysAreAcceptedAndDevelopmentKeysOutsideProduction() {
        Keyring ring = KeySettings.parse(Optional.of(" k1:" + GOOD + " , k2:" + OTHER + " "), Optional.of(" k2 "),
                true);
        assertEquals("k2", ring.currentId());
        assertEquals(Set.of("k1", "k2"), ring.keys().keySet());
        assertEquals("dev-1", KeySettings.parse(Optional.of("dev-1:" + DEV_1), Optional.of("dev-1"), false)
                .currentId());
    }

    /** The fingerprints the check knows are those of the keys application.properties publishes. */
    @Test
    void theKnownFingerprintsAreThoseOfThePublishedKeys() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        Set<String> published = Stream.of("%dev.grid.encryption.keys", "%test.grid.encryption.keys")
                .map(p::getProperty)
                .map(v -> v.replaceAll("^\\$\\{GRID_ENCRYPTION_KEYS:(.*)}$", "$1"))
                .flatMap(v -> Stream.of(v.split(",")))
                .map(e -> KeySettings.fingerprint(Base64.getDecoder().decode(e.substring(e.indexOf(':') + 1))))
                .collect(Collectors.toSet());
        assertEquals(KeySettings.DEVELOPMENT_KEY_FINGERPRINTS, published);
    }
}
