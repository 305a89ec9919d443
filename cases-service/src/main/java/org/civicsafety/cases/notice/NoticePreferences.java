package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jakarta.transaction.Transactional;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/**
 * The {@code notice_preference} table: a user's channels, language and own addresses (encrypted, and so one of the
 * tables the re-encryption job walks).
 */
@ApplicationScoped
public class NoticePreferences implements EncryptedTable<String> {

    record Addresses(String sub, String emailEnc, String mobileEnc) {}

    @Inject EntityManager em;
    @Inject PersonalDataCipher cipher;

    public Optional<Preference> find(String sub) {
        return Optional.ofNullable(SqlRow.first(em.createNativeQuery("""
                SELECT sms, email, language, email_enc, mobile_enc FROM notice_preference WHERE sub = ?1""")
                .setParameter(1, sub),
                r -> new Preference(r.bool("sms"), r.bool("email"), r.string("language"),
                        decrypt(r.string("email_enc")),
                        decrypt(r.string("mobile_enc")))));
    }

    /** Inserts or replaces the user's preferences (idempotent). */
    public void save(String sub, Preference p) {
        em.createNativeQuery("""
                INSERT INTO notice_preference (sub, sms, email, language, email_enc, mobile_enc, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (sub) DO UPDATE SET sms = excluded.sms, email = excluded.email,
                    language = excluded.language, email_enc = excluded.email_enc, mobile_enc = excluded.mobile_enc,
                    updated_at = excluded.updated_at""")
                .setParameter(1, sub).setParameter(2, p.sms()).setParameter(3, p.email()).setParameter(4, p.language())
                .setParameter(5, encrypt(p.emailAddress())).setParameter(6, encrypt(p.mobile()))
                .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
    }

    @Override
    public String name() {
        return "notice_preference";
    }

    @Override
    public String start() {
        return "";
    }

    /** SQL: the keyset walk with SKIP LOCKED, as every table the job walks. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<String> reencrypt(String after, int limit) {
        List<Addresses> rows = SqlRow.list(em.createNativeQuery("""
                SELECT sub, email_enc, mobile_enc FROM notice_preference WHERE sub > ?1 AND (%s OR %s)
                ORDER BY sub LIMIT ?3 FOR UPDATE SKIP LOCKED""".formatted(EncryptedTable.onOldKeyBase64("email_enc", 2),
                EncryptedTable.onOldKeyBase64("mobile_enc", 2)))
                .setParameter(1, after).setParameter(2, cipher.currentHeader()).setParameter(3, limit),
                r -> new Addresses(r.string("sub"), r.string("email_enc"), r.string("mobile_enc")));
        return EncryptedTable.rewriteEach(rows, limit, Addresses::sub, r -> em.createNativeQuery(
                "UPDATE notice_preference SET email_enc = ?2, mobile_enc = ?3 WHERE sub = ?1").setParameter(1, r.sub())
                .setParameter(2, encrypt(decrypt(r.emailEnc()))).setParameter(3, encrypt(decrypt(r.mobileEnc())))
                .executeUpdate());
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM notice_preference WHERE %s OR %s".formatted(
                EncryptedTable.onOldKeyBase64("email_enc", 1), EncryptedTable.onOldKeyBase64("mobile_enc", 1)))
                .setParameter(1, cipher.currentHeader()).getSingleResult()).longValue();
    }

    private String encrypt(String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(cipher.encryptText(value));
    }

    private String decrypt(String stored) {
        return stored == null ? null : cipher.decryptText(Base64.getDecoder().decode(stored));
    }
}
