package org.civicsafety.cases.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.civicsafety.cases.common.CasesConfig;

/**
 * AES-256-GCM encryption of personal data at rest and the keyed HMAC that turns an ID number or phone
 * into the pseudonymous {@code petitionerRef} used by events, statistics and repeat detection.
 *
 * <p>Ciphertext format (version 1): {@code 0x01 | key-id length (1 byte) | key id (UTF-8) | 12-byte nonce |
 * AES-GCM output (ciphertext and 16-byte tag)}. The header (version, length, key id) is also the GCM
 * associated data, so it cannot be altered unnoticed. New data is written under the current key; any
 * configured key reads, so keys rotate without downtime ({@link ReencryptionJob}).
 */
@ApplicationScoped
public class PersonalDataCipher {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A stored value that cannot be read: unknown format, a key id not configured, or altered bytes. */
    public static class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message, null, false, false);
        }
    }

    /** A petitionerRef and the id of the pseudonym key that made it. */
    public record Pseudonym(String ref, String keyId) {}

    private final KeyRing aes;
    private final KeyRing hmac;
    private final byte[] currentHeader;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public PersonalDataCipher(CasesConfig config, ObjectMapper mapper) {
        this(KeySettings.ring(KeySettings.Kind.ENCRYPTION, config.encryption()),
                KeySettings.ring(KeySettings.Kind.PSEUDONYM, config.pseudonym()), mapper);
    }

    public PersonalDataCipher(KeyRing aes, KeyRing hmac, ObjectMapper mapper) {
        this.aes = aes;
        this.hmac = hmac;
        this.mapper = mapper;
        this.currentHeader = header(aes.currentId());
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
    }

    /**
     * The header every value written now starts with: a stored value that does not start with it is on an
     * old key (see {@link EncryptedTable#onOldKey}).
     */
    public byte[] currentHeader() {
        return currentHeader.clone();
    }

    public String currentPseudonymKeyId() {
        return hmac.currentId();
    }

    public byte[] encrypt(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes.current(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(currentHeader);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(currentHeader.length + NONCE_BYTES + sealed.length)
                    .put(currentHeader).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt personal data", e);
        }
    }

    public byte[] decrypt(byte[] stored) {
        if (stored.length < 2 || stored[0] != VERSION
                || stored.length < 2 + (stored[1] & 0xFF) + NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableException("stored personal data is not in ciphertext format " + VERSION);
        }
        int headerLength = 2 + (stored[1] & 0xFF);
        String keyId = new String(stored, 2, headerLength - 2, StandardCharsets.UTF_8);
        byte[] key = aes.keys().get(keyId);
        if (key == null) {
            throw new UnreadableException("stored personal data was written under the key '" + keyId
                    + "', which CASES_ENCRYPTION_KEYS does not hold (configured: "
                    + String.join(", ", aes.keys().keySet()) + ")");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, stored, headerLength, NONCE_BYTES));
            cipher.updateAAD(stored, 0, headerLength);
            int body = headerLength + NONCE_BYTES;
            return cipher.doFinal(stored, body, stored.length - body);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableException("stored personal data does not authenticate under the key '" + keyId + "'");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt personal data", e);
        }
    }

    /** The same plaintext under the current key (a fresh nonce even when it already was). */
    public byte[] reencrypt(byte[] stored) {
        return encrypt(decrypt(stored));
    }

    public byte[] encryptText(String text) {
        return encrypt(text.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptText(byte[] stored) {
        return new String(decrypt(stored), StandardCharsets.UTF_8);
    }

    public byte[] encrypt(PersonalData data) {
        try {
            return encrypt(mapper.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise personal data", e);
        }
    }

    public PersonalData decryptPersonalData(byte[] stored) {
        try {
            return mapper.readValue(decrypt(stored), PersonalData.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read decrypted personal data", e);
        }
    }

    /** The petitionerRef under the current pseudonym key. */
    public Pseudonym pseudonym(String idNumber, String phone) {
        return new Pseudonym(hmac(hmac.current(), basis(idNumber, phone)), hmac.currentId());
    }

    /**
     * The petitionerRef under every configured pseudonym key, the current one first: while a rotation runs,
     * earlier cases may still carry a reference made with the old key.
     */
    public List<String> pseudonymsUnderAllKeys(String idNumber, String phone) {
        String basis = basis(idNumber, phone);
        List<String> refs = new ArrayList<>();
        refs.add(hmac(hmac.current(), basis));
        hmac.keys().forEach((id, key) -> {
            if (!id.equals(hmac.currentId())) {
                refs.add(hmac(key, basis));
            }
        });
        return refs;
    }

    /** The normalised ID number, or the normalised phone when there is no ID number. */
    private static String basis(String idNumber, String phone) {
        if (idNumber != null && !idNumber.isBlank()) {
            return "id:" + idNumber.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        }
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return "phone:" + digits;
    }

    private static String hmac(byte[] key, String basis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute pseudonym", e);
        }
    }
}
