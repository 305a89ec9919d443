package org.civicsafety.grid.privacy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataCipherTest {
    static PersonalDataCipher cipher(String keys, String current) {
        return new PersonalDataCipher(KeySettings.parse(Optional.of(keys), Optional.of(current), false));
    }

    static final String A = "a:" + KeySettingsTest.GOOD;
    static final String B = "b-2:" + KeySettingsTest.OTHER;

    @Test
    void theHeaderNamesTheKeyAndDecryptionPicksIt() {
        PersonalDataCipher onA = cipher(A + "," + B, "a");
        byte[] sealed = onA.seal("张三 13812345678".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 1, 'a'}, java.util.Arrays.copyOf(sealed, 3));
        assertEquals(3 + 12 + "张三 13812345678".getBytes(StandardCharsets.UTF_8).length + 16, sealed.length);
        assertEquals("a", PersonalDataCipher.keyId(sealed));

        PersonalDataCipher onB = cipher(A + "," + B, "b-2");
        assertEquals("张三 13812345678", new String(onB.open(sealed), StandardCharsets.UTF_8));
        assertFalse(onB.isCurrent(sealed));
        byte[] moved = onB.reseal(sealed);
        assertEquals("b-2", PersonalDataCipher.keyId(moved));
        assertSame(moved, onB.reseal(moved));
        assertEquals("张三 13812345678", new String(onA.open(moved), StandardCharsets.UTF_8));
    }

    @Test
    void textIsBase64AndNullStaysNull() {
        PersonalDataCipher c = cipher(A, "a");
        String enc = c.encrypt("li@example.org");
        assertFalse(enc.contains("li@example.org"));
        assertNotEquals(enc, c.encrypt("li@example.org"), "a fresh nonce every time");
        assertEquals("li@example.org", c.decrypt(enc));
        assertEquals(enc, c.reencrypt(enc));
        assertNull(c.encrypt(null));
        assertNull(c.decrypt(null));
        assertEquals("a", PersonalDataCipher.keyId(Base64.getDecoder().decode(enc)));
    }

    @Test
    void unknownKeysAndTamperingAreRefused() {
        byte[] sealed = cipher(A + "," + B, "b-2").seal(new byte[]{1, 2, 3});
        assertTrue(assertThrows(PersonalDataCipher.UnreadableException.class, () -> cipher(A, "a").open(sealed))
                .getMessage().contains("'b-2', which is not configured"));
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> cipher(B, "b-2").open(flipped));
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> cipher(A, "a").open(new byte[]{7, 7, 7}));
        assertThrows(PersonalDataCipher.UnreadableException.class, () -> cipher(A, "a").decrypt("not base64!"));
        // a legacy value (nonce first, no header) is not mistaken for a current one
        assertThrows(PersonalDataCipher.UnreadableException.class,
                () -> cipher(A, "a").open(new byte[]{2, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }
}
