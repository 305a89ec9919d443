package org.civicsafety.grid.notice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries on its own thread, like the outbox relay: claims a batch in a short transaction (a lease,
 * SKIP LOCKED, so several instances share the work), sends each outside any transaction on a virtual thread of its
 * own (a slow webhook receiver does not hold up e-mail), and records each attempt in another short transaction —
 * the next try by {@link Backoff}, FAILED after 24 h. At-least-once: a crash between sending and recording sends
 * again when the lease ends, with the same notice (or event) id for receivers to dedupe on. Polls every
 * {@code grid.notices.interval} and wakes at once when a transaction with deliveries commits.
 */
@ApplicationScoped
public class NoticeRelay {
    private static final Logger LOG = Logger.getLogger(NoticeRelay.class);
    /** How often the pending gauge is counted. */
    private static final Duration GAUGE_INTERVAL = Duration.ofSeconds(5);

    @Inject NoticeRepository repo;
    @Inject PersonalDataCipher cipher;
    @Inject Instance<DeliveryChannel> channels;
    @Inject NoticeMetrics metrics;
    @Inject GridConfig config;

    private final Map<Channel, DeliveryChannel> byChannel = new EnumMap<>(Channel.class);
    private final Semaphore wakeup = new Semaphore(0);
    private volatile boolean running;
    private volatile long lastFailureLog;
    private Thread worker;

    void start(@Observes StartupEvent ev) {
        channels.forEach(c -> byChannel.put(c.channel(), c));
        running = true;
        worker = new Thread(this::loop, "notice-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something was committed to deliver: the next round starts now instead of at the end of the pause. */
    public void wake() {
        wakeup.release();
    }

    private void loop() {
        long nextGauge = 0;
        while (running) {
            long pause = config.notices().interval().toMillis();
            int claimed = 0;
            try {
                claimed = round();
                if (System.nanoTime() - nextGauge > 0) {
                    metrics.pending(QuarkusTransaction.requiringNew().call(repo::pending));
                    nextGauge = System.nanoTime() + GAUGE_INTERVAL.toNanos();
                }
            } catch (RuntimeException e) {
                pause = Math.max(pause, 1000);
                long now = System.currentTimeMillis();
                if (now - lastFailureLog > 30_000) {
                    lastFailureLog = now;
                    LOG.warnf("Notice relay round failed, will retry: %s", e.getMessage());
                }
            }
            if (claimed >= config.notices().batchSize()) {
                continue; // more are due: no pause
            }
            try {
                wakeup.tryAcquire(pause, TimeUnit.MILLISECONDS);
                wakeup.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Claims due deliveries and sends them all; returns how many were claimed. */
    int round() {
        List<NoticeRepository.Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> repo.claim(config.notices().batchSize(), config.notices().lease()));
        if (!claimed.isEmpty()) {
            try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
                claimed.forEach(c -> sending.submit(() -> deliver(c)));
            }
        }
        return claimed.size();
    }

    private void deliver(NoticeRepository.Claimed c) {
        Instant start = Instant.now();
        DeliveryChannel channel = byChannel.get(c.channel());
        ClaimedDelivery d = null;
        DeliveryChannel.Outcome outcome;
        try {
            d = new ClaimedDelivery(c.id(), c.noticeId(), c.channel(), cipher.decrypt(c.addressEnc()), c.attempts(),
                    c.firstAttemptAt(), c.title(), c.body(), c.urgent(), c.subscriptionId(), c.eventId(), c.payload());
            outcome = channel == null ? DeliveryChannel.Outcome.drop("no " + c.channel() + " channel configured")
                    : channel.send(d);
        } catch (RuntimeException e) {
            // not the message: it could quote an address
            outcome = DeliveryChannel.Outcome.retry(null, e.getClass().getSimpleName());
        }
        int latency = (int) Duration.between(start, Instant.now()).toMillis();
        DeliveryChannel.Outcome result = outcome;
        ClaimedDelivery delivery = d;
        try {
            QuarkusTransaction.requiringNew().run(() -> record(c, delivery, channel, result, start, latency));
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is sent again: at-least-once
            LOG.warnf("Could not record delivery %s: %s", c.id(), e.getMessage());
        }
    }

    private void record(NoticeRepository.Claimed c, ClaimedDelivery d, DeliveryChannel channel,
            DeliveryChannel.Outcome outcome, Instant start, int latency) {
        Instant now = Instant.now();
        switch (outcome.result()) {
            case SENT -> {
                repo.record(c.id(), start, outcome.statusCode(), latency, null, DeliveryStatus.SENT, null);
                metrics.sent(c.channel());
            }
            case DROP -> repo.record(c.id(), start, outcome.statusCode(), latency, outcome.error(),
                    DeliveryStatus.SUPPRESSED, null);
            case RETRY -> {
                Instant first = c.firstAttemptAt() == null ? start : c.firstAttemptAt();
                Optional<Instant> next = Backoff.retryAt(c.attempts() + 1, first, now);
                if (next.isPresent()) {
                    Instant at = c.channel() == Channel.SMS
                            ? new QuietHours(config.notices().quietHours().enabled()).sendAt(next.get(), c.urgent())
                            : next.get();
                    repo.record(c.id(), start, outcome.statusCode(), latency, outcome.error(), DeliveryStatus.PENDING,
                            at);
                } else {
                    repo.record(c.id(), start, outcome.statusCode(), latency, outcome.error(), DeliveryStatus.FAILED,
                            null);
                    metrics.failed(c.channel());
                    if (channel != null && d != null) {
                        channel.gaveUp(d);
                    }
                }
            }
        }
    }
}
