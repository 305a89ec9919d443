package org.civicsafety.cases.notice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
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

    /**
     * Signs the notices sent to units' webhook URLs (Standard Webhooks, {@code whsec_<base64>}); development and tests
     * have their own. Without one, units' webhooks are not sent: their deliveries are SUPPRESSED with the reason (the
     * service starts all the same).
     */
    Optional<String> unitWebhookSecret();

    /**
     * Hosts a unit's webhook URL may name although they resolve to loopback, private or link-local addresses, and the
     * only ones reached over plain http (an admin's allow-list; development and tests allow 127.0.0.1 and localhost).
     */
    Optional<List<String>> webhookAllowedHosts();

    interface QuietHours {
        /** 22:00–08:00 Asia/Shanghai defer non-urgent SMS; tests switch it off so that a night-time run still sends. */
        @WithDefault("true")
        boolean enabled();
    }
}
