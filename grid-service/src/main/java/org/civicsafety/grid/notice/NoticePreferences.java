package org.civicsafety.grid.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.privacy.Masks;
import org.civicsafety.grid.privacy.PersonalDataCipher;

/** A user's notice preferences, read and replaced by themself; addresses are sealed at rest and masked when shown. */
@ApplicationScoped
public class NoticePreferences {
    @Inject NoticePreferenceRepository repo;
    @Inject PersonalDataCipher cipher;

    public NoticePreferencesView of(String sub) {
        return view(repo.of(sub));
    }

    /** Replaces the preferences (idempotent: the same body leaves the same state). */
    @Transactional
    public NoticePreferencesView replace(String sub, NoticePreferencesRequest body) {
        NoticePreference p = new NoticePreference(sub);
        p.sms = body.sms();
        p.email = body.email();
        p.language = body.language().tag();
        p.emailEnc = cipher.encrypt(body.emailAddress());
        p.mobileEnc = cipher.encrypt(body.mobile());
        repo.upsert(p);
        return view(p);
    }

    private NoticePreferencesView view(NoticePreference p) {
        return new NoticePreferencesView(p.sms, p.email, p.language(), Masks.email(cipher.decrypt(p.emailEnc)),
                Masks.phone(cipher.decrypt(p.mobileEnc)));
    }
}
