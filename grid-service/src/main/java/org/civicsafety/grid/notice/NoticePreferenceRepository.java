package org.civicsafety.grid.notice;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.util.List;

/** Table notice_preference; its e-mail and mobile columns are sealed by {@link PersonalDataCipher}. */
@ApplicationScoped
public class NoticePreferenceRepository implements PanacheRepositoryBase<NoticePreference, String>, EncryptedTable {
    private static final String ON_OTHER_KEY = "(email_enc IS NOT NULL AND "
            + EncryptedTable.textOnOtherKey("email_enc")
            + ") OR (mobile_enc IS NOT NULL AND " + EncryptedTable.textOnOtherKey("mobile_enc") + ")";

    /** The user's preferences, or the defaults (not stored) when they set none. */
    public NoticePreference of(String sub) {
        return findByIdOptional(sub).orElseGet(() -> new NoticePreference(sub));
    }

    /** Stores the preferences, replacing any earlier ones; racing first PUTs of one user both succeed. */
    public void upsert(NoticePreference p) {
        // SQL: INSERT ... ON CONFLICT DO UPDATE, where persist-or-merge would fail one of two racing first writes
        NativeQueries.bind(getEntityManager().createNativeQuery("INSERT INTO notice_preference (sub, sms, email,"
                + " language, email_enc, mobile_enc, updated_at) VALUES (?, ?, ?, ?, CAST(? AS text), CAST(? AS text),"
                + " now()) ON CONFLICT (sub) DO UPDATE SET sms = excluded.sms, email = excluded.email, language ="
                + " excluded.language, email_enc = excluded.email_enc, mobile_enc = excluded.mobile_enc, updated_at ="
                + " excluded.updated_at"), java.util.Arrays.asList(p.sub, p.sms, p.email, p.language, p.emailEnc,
                        p.mobileEnc))
                .executeUpdate();
    }

    @Override
    public String table() {
        return "notice_preference";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed columns
        return SqlRow.first(NativeQueries.bind(getEntityManager().createNativeQuery(
                "SELECT count(*) AS n FROM notice_preference WHERE " + ON_OTHER_KEY),
                List.of(header.length, header, header.length, header)), r -> r.lng("n"));
    }

    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim of rows on other keys; each one resealed through its entity
        List<String> subs = SqlRow.list(NativeQueries.bind(getEntityManager().createNativeQuery(
                "SELECT sub FROM notice_preference WHERE " + ON_OTHER_KEY + " LIMIT ? FOR UPDATE SKIP LOCKED"),
                List.of(header.length, header, header.length, header, limit)), r -> r.string("sub"));
        for (String sub : subs) {
            NoticePreference p = findById(sub);
            p.emailEnc = with.reencrypt(p.emailEnc);
            p.mobileEnc = with.reencrypt(p.mobileEnc);
        }
        return subs.size();
    }
}
