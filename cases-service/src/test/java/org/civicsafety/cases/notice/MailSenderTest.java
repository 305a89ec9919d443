package org.civicsafety.cases.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.civicsafety.cases.api.Captures;
import org.junit.jupiter.api.Test;

/**
 * Every mail reaches the real SMTP server at its first attempt. Sent from a plain thread through the Quarkus mailer,
 * about one new connection in a hundred lost the server's greeting and hung until the server closed it (421 after 30 s),
 * which left a notice waiting a minute for its retry.
 */
@QuarkusTest
class MailSenderTest {

    static final int MAILS = 250;

    @Inject MailSender sender;

    @Test
    void manyMailsInARowAreEachAcceptedAtOnce() throws Exception {
        String address = "burst-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < MAILS; i++) {
            sender.send(Mail.withText(address, "burst " + i, "mail " + i).setFrom("notices@example.org"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(MAILS, Captures.mailTo(address)
                .size()));
    }
}
