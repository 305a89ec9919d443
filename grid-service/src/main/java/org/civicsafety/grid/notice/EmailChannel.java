package org.civicsafety.grid.notice;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * E-mail through the Quarkus mailer to the configured SMTP server ({@code quarkus.mailer.*}; the local platform's
 * GreenMail). The notice id travels in {@code X-Notice-Id}, so a receiver can drop a second copy.
 */
@ApplicationScoped
public class EmailChannel implements DeliveryChannel {
    static final String NOTICE_ID_HEADER = "X-Notice-Id";

    @Inject MailSender mail;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Outcome send(ClaimedDelivery d) {
        try {
            mail.send(Mail.withText(d.address(), d.title(), d.body()).addHeader(NOTICE_ID_HEADER,
                    NoticeView.id(d.noticeId())));
            return Outcome.sent(null);
        } catch (MailSender.MailFailure e) {
            return Outcome.retry(e.replyCode(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted");
        }
    }
}
