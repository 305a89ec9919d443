package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/** The {@code notice_preference} table: a user's channels, language and own addresses (encrypted). */
@ApplicationScoped
public class NoticePreferences {

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

    private String encrypt(String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(cipher.encryptText(value));
    }

    private String decrypt(String stored) {
        return stored == null ? null : cipher.decryptText(Base64.getDecoder().decode(stored));
    }
}
