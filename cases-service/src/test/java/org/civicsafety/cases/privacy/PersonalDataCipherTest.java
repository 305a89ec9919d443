package org.civicsafety.cases.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ciphertext format, reading across keys, rotation, and pseudonyms per key. */
class PersonalDataCipherTest {

    static final byte[] A = key();
    static final byte[] B = key();
    static final PersonalData DATA = new PersonalData(
            new PersonalData.Petitioner("张三丰", "13812345678", "110101199001011234", "北京市东城区某街道1号"),
            List.of(new PersonalData.Representative("李四", "13900000000")));

    static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    static PersonalDataCipher cipher(String current, Map<String, byte[]> keys) {
        return new PersonalDataCipher(new KeyRing(current, keys), new KeyRing(current, keys), new ObjectMapper());
    }

    static String keyId(byte[] stored) {
        assertEquals(1, stored[0], "format version");
        return new String(stored, 2, stored[1], StandardCharsets.UTF_8);
    }

    @Test
    void headerNamesTheKeyAndTheDataRoundTrips() {
        PersonalDataCipher onA = cipher("key-a", Map.of("key-a", A));
        byte[] stored = onA.encrypt(DATA);
        assertEquals("key-a", keyId(stored));
        assertEquals(2 + "key-a".length(), onA.currentHeader().length);
        assertEquals(DATA, onA.decryptPersonalData(stored));
        assertThat(new String(stored, StandardCharsets.UTF_8), org.hamcrest.Matchers.not(containsString("张三丰")));
        assertEquals("x", onA.decryptText(onA.encryptText("x")));
        // Random nonces: the same data never encrypts to the same bytes.
        assertNotEquals(new String(stored, StandardCharsets.ISO_8859_1),
                new String(onA.encrypt(DATA), StandardCharsets.ISO_8859_1));
    }

    @Test
    void oldKeyStillReadsAfterTheCurrentOneChangesAndReencryptMovesTheData() {
        byte[] underA = cipher("key-a", Map.of("key-a", A)).encrypt(DATA);
        PersonalDataCipher rotated = cipher("key-b", Map.of("key-a", A, "key-b", B));
        assertEquals(DATA, rotated.decryptPersonalData(underA));
        assertEquals("key-b", keyId(rotated.encrypt(DATA)));
        byte[] moved = rotated.reencrypt(underA);
        assertEquals("key-b", keyId(moved));
        // Once A is removed, only what moved stays readable; the error names the missing key.
        PersonalDataCipher onlyB = cipher("key-b", Map.of("key-b", B));
        assertEquals(DATA, onlyB.decryptPersonalData(moved));
        PersonalDataCipher.UnreadableException e = assertThrows(PersonalDataCipher.UnreadableException.class,
                () -> onlyB.decrypt(underA));
        assertThat(e.getMessage(), containsString("'key-a'"));
    }

    @Test
    void alteredOrForeignBytesAreUnreadable() {
        PersonalDataCipher both = cipher("key-b", Map.of("key-a", A, "key-b", B));
        byte[] stored = both.encrypt(DATA);
        byte[] flipped = stored.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> both.decrypt(flipped));
        // The header is authenticated: relabelling B's ciphertext as A's fails too.
        byte[] relabelled = stored.clone();
        relabelled[6] = 'a';
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> both.decrypt(relabelled));
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> both.decrypt(new byte[]{9, 9, 9}));
    }

    @Test
    void pseudonymsDependOnTheKeyAndAllConfiguredKeysAreOffered() {
        PersonalDataCipher onA = cipher("key-a", Map.of("key-a", A));
        PersonalDataCipher rotated = cipher("key-b", Map.of("key-a", A, "key-b", B));
        PersonalDataCipher.Pseudonym old = onA.pseudonym("110101199001011234", null);
        PersonalDataCipher.Pseudonym now = rotated.pseudonym("110101 199001011234", null);
        assertEquals("key-a", old.keyId());
        assertEquals("key-b", now.keyId());
        assertNotEquals(old.ref(), now.ref());
        assertEquals(List.of(now.ref(), old.ref()), rotated.pseudonymsUnderAllKeys("110101199001011234", "1"));
        assertEquals(onA.pseudonym(null, "+86 138-1234-5678").ref(), onA.pseudonym(null, "13812345678").ref());
    }
}
