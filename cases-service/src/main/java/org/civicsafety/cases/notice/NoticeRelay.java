package org.civicsafety.cases.notice;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Delivers notices by e-mail, SMS and units' webhooks on its own thread, like {@code OutboxRelay}: leases due deliveries in a short
 * transaction ({@link NoticeRepository#claim}), sends each outside any transaction, and records the attempt and the
 * delivery's new state in another — sent, or tried again after the {@link Backoff} delay, or failed for good after
 * 24 h, or suppressed at once when it must never be sent (a unit's webhook without a signing secret or to a URL the
 * SSRF rules refuse). At-least-once: a delivery whose sender dies is taken again when its lease ends, with the same notice id.
 */
@ApplicationScoped
public class NoticeRelay {

    private static final Logger LOG = Logger.getLogger(NoticeRelay.class);
    static final int BATCH = 20;
    static final int LEASE_SECONDS = 60;
    /** Commit → delivered within 2 s at p99 (quality.md P7). */
    static final long IDLE_MS = 200;

    @Inject NoticeRepository notices;
    @Inject Notices writer;
    @Inject MailSender mail;
    @Inject SmsGateway sms;
    @Inject UnitWebhooks webhooks;
    @Inject NoticesConfig config;
    @Inject NoticeMetrics metrics;

    private volatile boolean running;
    private Thread relay;

    /**
     * The result of one attempt: the SMTP reply or HTTP status when there was one, and the error if it failed;
     * {@code retry} false: it must never be sent.
     */
    record Outcome(Integer statusCode, String error, boolean retry) {
        static Outcome sent(Integer statusCode) {
            return new Outcome(statusCode, null, false);
        }

        static Outcome failed(Integer statusCode, String error) {
            return new Outcome(statusCode, error, true);
        }

        static Outcome suppressed(String reason) {
            return new Outcome(null, reason, false);
        }

        boolean sent() {
            return error == null;
        }
    }

    void start(@Observes StartupEvent ev) {
        running = true;
        relay = new Thread(this::loop, "notice-relay");
        relay.setDaemon(true);
        relay.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        if (relay != null) {
            relay.interrupt();
            relay.join(5000);
        }
    }

    private void loop() {
        while (running) {
            long pause = IDLE_MS;
            try {
                if (relayBatch() == BATCH) {
                    pause = 0;
                }
            } catch (RuntimeException e) {
                LOG.warnf("notice relay failed (will retry): %s", e.getClass().getSimpleName());
                pause = 1000;
            }
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Sends one batch of due deliveries; returns how many were leased. */
    public int relayBatch() {
        List<NoticeRepository.Claimed> batch = QuarkusTransaction.requiringNew()
                .call(() -> notices.claim(BATCH, LEASE_SECONDS));
        for (NoticeRepository.Claimed d : batch) {
            Instant start = Instant.now();
            Outcome outcome = send(d);
            int latency = (int) Duration.between(start, Instant.now()).toMillis();
            DeliveryStatus status = QuarkusTransaction.requiringNew().call(() -> record(d, start, latency, outcome));
            if (status == DeliveryStatus.SENT) {
                metrics.sent(d.channel());
            } else if (status == DeliveryStatus.FAILED) {
                metrics.failed(d.channel());
            }
        }
        return batch.size();
    }

    private Outcome send(NoticeRepository.Claimed d) {
        NoticeRepository.Row n = d.notice();
        try {
            String address = writer.decrypt(d.addressEnc());
            return switch (d.channel()) {
                case EMAIL -> {
                    try {
                        mail.send(Mail.withText(address, n.title(), n.body()).setFrom(config.from())
                                .addHeader("X-Notice-Id", n.id().toString()));
                    } catch (MailSender.MailFailure e) {
                        yield Outcome.failed(e.replyCode(), e.getMessage());
                    }
                    yield Outcome.sent(250);
                }
                case SMS -> {
                    int status = sms.send(n.id(), address, n.title() + "\n" + n.body());
                    yield status / 100 == 2 ? Outcome.sent(status) : Outcome.failed(status, "HTTP " + status);
                }
                case WEBHOOK -> {
                    Optional<String> refusal = webhooks.refusal(address);
                    if (refusal.isPresent()) {
                        yield Outcome.suppressed(refusal.get());
                    }
                    int status = webhooks.send(n, address);
                    yield status / 100 == 2 ? Outcome.sent(status)
                            : Outcome.failed(status, status / 100 == 3 ? "redirect not followed" : "HTTP " + status);
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(null, "interrupted");
        } catch (Exception e) {
            // The class only: a message may quote the address.
            return Outcome.failed(null, e.getClass().getSimpleName());
        }
    }

    private DeliveryStatus record(NoticeRepository.Claimed d, Instant at, int latencyMs, Outcome outcome) {
        if (outcome.sent()) {
            notices.record(d.id(), at, outcome.statusCode(), latencyMs, null, DeliveryStatus.SENT, null);
            return DeliveryStatus.SENT;
        }
        if (!outcome.retry()) {
            notices.record(d.id(), at, null, latencyMs, outcome.error(), DeliveryStatus.SUPPRESSED, null);
            return DeliveryStatus.SUPPRESSED;
        }
        Optional<Instant> next = Backoff.retryAt(d.attempts() + 1, notices.firstAttempt(d.id(), at), at);
        DeliveryStatus status = next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
        notices.record(d.id(), at, outcome.statusCode(), latencyMs, outcome.error(), status, next.orElse(null));
        return status;
    }
}
