package org.civicsafety.grid.notice;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's notice channels (table notice_preference): SMS and e-mail on or off, the language, and the addresses,
 * sealed by the personal-data cipher. A user without a row has the defaults: both channels on, zh-CN, no address.
 */
@Entity
@Table(name = "notice_preference")
public class NoticePreference {
    @Id String sub;
    boolean sms = true;
    boolean email = true;
    String language = NoticeLanguage.ZH_CN.tag();
    String emailEnc;
    String mobileEnc;

    protected NoticePreference() {}

    /** The defaults of someone who never set any, until a caller sets other values. */
    NoticePreference(String sub) {
        this.sub = sub;
    }

    NoticeLanguage language() {
        return NoticeLanguage.of(language);
    }
}
