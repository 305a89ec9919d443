package org.civicsafety.cases.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.privacy.KeySettings.Kind;
import org.junit.jupiter.api.Test;

/** The start-up check of the key settings: every way they can be wrong, and the good case. */
class KeySettingsTest {

    record Setting(Optional<String> keys, Optional<String> currentKeyId) implements CasesConfig.Keys {
        Setting(String keys, String currentKeyId) {
            this(Optional.ofNullable(keys), Optional.ofNullable(currentKeyId));
        }
    }

    static final String GOOD = freshKey();
    static final String DEV_AES = DevKeys.encryptionKeys();

    static String freshKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static List<String> inProduction(Kind kind, String keys, String id) {
        return KeySettings.problems(kind, new Setting(keys, id), false);
    }

    @Test
    void aGoodKeyPasses() {
        assertThat(inProduction(Kind.ENCRYPTION, "prod-2025:" + GOOD, "prod-2025"), empty());
        assertThat(inProduction(Kind.ENCRYPTION, " old:" + freshKey() + " , new:" + GOOD + " ", "new"), empty());
        KeyRing ring = KeySettings.ring(Kind.ENCRYPTION, new Setting("old:" + freshKey() + ",new:" + GOOD, "new"));
        assertEquals("new", ring.currentId());
        assertArrayEquals(Base64.getDecoder().decode(GOOD), ring.current());
        assertEquals(2, ring.keys().size());
    }

    @Test
    void missingSettingsNameTheirVariables() {
        assertThat(inProduction(Kind.ENCRYPTION, null, null), contains(allOf(
                containsString("CASES_ENCRYPTION_KEYS is not set"), containsString("openssl rand -base64 32"),
                containsString("CASES_ENCRYPTION_KEY_ID=<id>"))));
        assertThat(inProduction(Kind.ENCRYPTION, "  ", "x"),
                contains(containsString("CASES_ENCRYPTION_KEYS is not set")));
        assertThat(inProduction(Kind.PSEUDONYM, null, null),
                contains(containsString("CASES_PSEUDONYM_KEYS is not set")));
        assertThat(inProduction(Kind.ENCRYPTION, "k1:" + GOOD, null),
                contains(containsString("CASES_ENCRYPTION_KEY_ID is not set")));
        assertThat(inProduction(Kind.PSEUDONYM, "k1:" + GOOD, ""),
                contains(containsString("CASES_PSEUDONYM_KEY_ID is not set")));
    }

    @Test
    void malformedSettingsAreRefusedWithoutEchoingTheKey() {
        String notBase64 = "k1:not*base64!";
        assertThat(inProduction(Kind.ENCRYPTION, notBase64, "k1"),
                contains(allOf(containsString("CASES_ENCRYPTION_KEYS key 'k1' is not base64"),
                        not(containsString("not*base64")))));
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThat(inProduction(Kind.ENCRYPTION, "k1:" + short16, "k1"),
                contains(containsString("'k1' is 16 bytes, not 32")));
        assertThat(inProduction(Kind.ENCRYPTION, GOOD, "k1"),
                contains(allOf(containsString("entry 1 is not <id>:<base64 key>"),
                        not(containsString(GOOD)))));
        assertThat(inProduction(Kind.ENCRYPTION, "k1:" + GOOD + ",", "k1"), contains(containsString("entry 2")));
        assertThat(inProduction(Kind.ENCRYPTION, "k/1:" + GOOD, "k/1"), contains(containsString("entry 1")));
        assertThat(inProduction(Kind.ENCRYPTION, "k1:" + GOOD + ",k1:" + freshKey(), "k1"),
                contains(containsString("lists the key id 'k1' twice")));
        assertThat(inProduction(Kind.ENCRYPTION, "k1:" + GOOD, "k2"),
                contains(containsString(
                        "CASES_ENCRYPTION_KEY_ID names the key 'k2', which CASES_ENCRYPTION_KEYS does not hold")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeySettings.ring(Kind.PSEUDONYM, new Setting("k1:" + short16, "k1")));
        assertThat(e.getMessage(), containsString("CASES_PSEUDONYM_KEYS key 'k1' is 16 bytes"));
    }

    @Test
    void productionRefusesTheDevelopmentKeysWhateverTheirId() {
        assertThat(inProduction(Kind.ENCRYPTION, DEV_AES, "dev-1"), contains(allOf(
                containsString("CASES_ENCRYPTION_KEYS holds the development key 'dev-1' published in the repository"),
                containsString(
                        "generate a key with `openssl rand -base64 32` and set CASES_ENCRYPTION_KEYS=<id>:<key> and CASES_ENCRYPTION_KEY_ID=<id>"))));
        String devKeyUnderAnotherId = "prod-1:" + DEV_AES.substring(DEV_AES.indexOf(':') + 1);
        assertThat(inProduction(Kind.ENCRYPTION, devKeyUnderAnotherId, "prod-1"),
                contains(containsString("holds the development key 'prod-1'")));
        // Either development key is refused in either setting.
        assertThat(inProduction(Kind.PSEUDONYM, DevKeys.pseudonymKeys() + ",p2:" + GOOD, "p2"),
                contains(containsString("CASES_PSEUDONYM_KEYS holds the development key 'dev-1'")));
        assertThat(inProduction(Kind.PSEUDONYM, "p:" + DEV_AES.substring(DEV_AES.indexOf(':') + 1), "p"), hasSize(1));
        assertThat(inProduction(Kind.ENCRYPTION, "dev-2:" + GOOD, "dev-2"),
                contains(containsString("ids starting with 'dev-' are kept for the development keys")));
    }

    @Test
    void theDevAndTestProfilesMayUseTheDevelopmentKeys() {
        assertThat(KeySettings.problems(Kind.ENCRYPTION, new Setting(DEV_AES, "dev-1"), true), empty());
        assertThat(KeySettings.problems(Kind.PSEUDONYM, new Setting(DevKeys.pseudonymKeys(), "dev-1"), true), empty());
    }

    /** The fingerprints in KeySettings are those of every development key in application.properties. */
    @Test
    void fingerprintsMatchThePublishedDevelopmentKeys() {
        for (String name : List.of("%dev.cases.encryption.keys", "%test.cases.encryption.keys",
                "%dev.cases.pseudonym.keys", "%test.cases.pseudonym.keys")) {
            for (String entry : DevKeys.property(name).split(",")) {
                byte[] key = Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1));
                assertThat(name, KeySettings.DEVELOPMENT_KEY_SHA256,
                        org.hamcrest.Matchers.hasItem(KeySettings.sha256(key)));
            }
        }
    }
}
