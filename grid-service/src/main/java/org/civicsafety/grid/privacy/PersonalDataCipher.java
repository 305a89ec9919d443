package org.civicsafety.grid.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM for personal data at rest. A sealed value records the key that wrote it:
 * <pre>version (1 byte, = 1) | key-id length (1 byte) | key id (ASCII) | nonce (12 bytes) | ciphertext + 16-byte tag</pre>
 * The header is authenticated as associated data, so a changed key id fails like a changed ciphertext. Text
 * columns hold the base64 of the sealed bytes, bytea columns the bytes. Decryption picks the key by id; new data
 * always uses the current key.
 */
public final class PersonalDataCipher {
    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keyring keyring;
    private final byte[] currentHeader;

    public PersonalDataCipher(Keyring keyring) {
        this.keyring = keyring;
        this.currentHeader = header(keyring.currentId());
    }

    /** Thrown for a value this keyring cannot open: unknown format or key, or tampered with. */
    public static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message, null, false, false);
        }
    }

    public String currentKeyId() {
        return keyring.currentId();
    }

    /** The first bytes of every value sealed with the current key (repositories find older rows by them). */
    public byte[] currentHeader() {
        return currentHeader.clone();
    }

    public byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keyring.keys().get(keyring.currentId()), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(currentHeader);
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(currentHeader.length + NONCE_BYTES + ct.length).put(currentHeader).put(nonce)
                    .put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] open(byte[] sealed) {
        int headerLength = headerLength(sealed);
        String id = keyId(sealed);
        SecretKey key = keyring.keys().get(id);
        if (key == null) {
            throw new UnreadableException("encrypted with key '" + id + "', which is not configured");
        }
        if (sealed.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableException("truncated ciphertext");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, headerLength, NONCE_BYTES));
            c.updateAAD(sealed, 0, headerLength);
            int body = headerLength + NONCE_BYTES;
            return c.doFinal(sealed, body, sealed.length - body);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableException("ciphertext of key '" + id + "' does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key id a sealed value was written with. */
    public static String keyId(byte[] sealed) {
        int headerLength = headerLength(sealed);
        return new String(sealed, 2, headerLength - 2, StandardCharsets.US_ASCII);
    }

    /** The same plain bytes sealed with the current key; a value already on it is returned as it is. */
    public byte[] reseal(byte[] sealed) {
        return isCurrent(sealed) ? sealed : seal(open(sealed));
    }

    public boolean isCurrent(byte[] sealed) {
        return sealed.length >= currentHeader.length
                && Arrays.equals(sealed, 0, currentHeader.length, currentHeader, 0, currentHeader.length);
    }

    /** For text columns: base64 of the sealed UTF-8 bytes; null stays null. */
    public String encrypt(String plain) {
        return plain == null ? null : Base64.getEncoder().encodeToString(seal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    public String decrypt(String encrypted) {
        return encrypted == null ? null : new String(open(decode(encrypted)), StandardCharsets.UTF_8);
    }

    /** {@link #reseal} for a text column. */
    public String reencrypt(String encrypted) {
        if (encrypted == null) {
            return null;
        }
        byte[] sealed = decode(encrypted);
        return isCurrent(sealed) ? encrypted : Base64.getEncoder().encodeToString(seal(open(sealed)));
    }

    private static byte[] decode(String encrypted) {
        try {
            return Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("not base64");
        }
    }

    private static int headerLength(byte[] sealed) {
        if (sealed.length < 3 || sealed[0] != VERSION) {
            throw new UnreadableException("not a version " + VERSION + " ciphertext");
        }
        int length = 2 + (sealed[1] & 0xFF);
        if (sealed[1] == 0 || sealed.length < length) {
            throw new UnreadableException("malformed ciphertext header");
        }
        return length;
    }

    static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
    }
}
