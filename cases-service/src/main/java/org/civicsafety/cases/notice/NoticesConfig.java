package org.civicsafety.cases.notice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code cases.notices.*}: the channels of notices (the SMTP server itself is {@code quarkus.mailer.*}). */
@ConfigMapping(prefix = "cases.notices")
public interface NoticesConfig {

    /** The sender of notice e-mails. */
    @WithDefault("notices@cases.civicsafety.org")
    String from();

    /** The public address the verification URL printed on written notices starts with (the gateway's). */
    @WithDefault("http://127.0.0.1:8080")
    String verifyBaseUrl();

    Sms sms();

    interface Sms {
        /** The SMS provider's send endpoint: JSON {@code {"id","to","text"}}, 2xx = accepted. */
        String url();

        /** Sent as {@code Authorization: Bearer <token>}; the local capture needs none. */
        Optional<String> token();
    }

    QuietHours quietHours();

    interface QuietHours {
        /** 22:00–08:00 Asia/Shanghai defer non-urgent SMS; tests switch it off so that a night-time run still sends. */
        @WithDefault("true")
        boolean enabled();
    }
}
