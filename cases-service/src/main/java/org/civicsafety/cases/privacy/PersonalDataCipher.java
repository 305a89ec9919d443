package org.civicsafety.cases.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.civicsafety.cases.common.CasesConfig;

/**
 * AES-256-GCM encryption of personal data at rest (random 96-bit nonce prepended to the
 * ciphertext) and the keyed HMAC that turns an ID number or phone into the pseudonymous
 * {@code petitionerRef} used by events, statistics and repeat detection.
 */
@ApplicationScoped
public class PersonalDataCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec aesKey;
    private final SecretKeySpec hmacKey;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public PersonalDataCipher(CasesConfig config, ObjectMapper mapper) {
        byte[] key = Base64.getDecoder().decode(config.encryptionKey());
        if (key.length != 32) {
            throw new IllegalStateException("cases.encryption-key must be 32 bytes (base64)");
        }
        this.aesKey = new SecretKeySpec(key, "AES");
        this.hmacKey = new SecretKeySpec(Base64.getDecoder().decode(config.pseudonymKey()), "HmacSHA256");
        this.mapper = mapper;
    }

    public byte[] encrypt(PersonalData data) {
        try {
            byte[] plain = mapper.writeValueAsBytes(data);
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot encrypt personal data", e);
        }
    }

    public PersonalData decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return mapper.readValue(plain, PersonalData.class);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot decrypt personal data", e);
        }
    }

    /** HMAC of the normalised ID number, or of the normalised phone when there is no ID number. */
    public String pseudonym(String idNumber, String phone) {
        String basis;
        if (idNumber != null && !idNumber.isBlank()) {
            basis = "id:" + idNumber.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        } else {
            String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
            if (digits.startsWith("86") && digits.length() == 13) {
                digits = digits.substring(2);
            }
            basis = "phone:" + digits;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return HexFormat.of().formatHex(mac.doFinal(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute pseudonym", e);
        }
    }
}
