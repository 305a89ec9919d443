package org.civicsafety.cases.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code notices_created_total}, {@code notices_sent_total}, {@code notices_failed_total} (given up) per channel
 * ({@code inbox}, {@code email}, {@code sms}, {@code webhook}) and the gauge {@code notices_pending} (deliveries
 * waiting, measured every 2 s). Counts only: nothing about recipients.
 */
@ApplicationScoped
public class NoticeMetrics {

    static final String INBOX = "inbox";

    @Inject MeterRegistry registry;
    @Inject NoticeRepository notices;

    private final Map<Channel, AtomicLong> pending = new EnumMap<>(Channel.class);

    void registerGauges(@Observes StartupEvent e) {
        for (Channel c : Channel.values()) {
            AtomicLong value = new AtomicLong();
            pending.put(c, value);
            Gauge.builder("notices.pending", value, AtomicLong::get).description("notice deliveries waiting to be sent")
                    .tag("channel", c.tag()).register(registry);
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void measure() {
        Map<Channel, Long> now = notices.pendingByChannel();
        pending.forEach((c, value) -> value.set(now.getOrDefault(c, 0L)));
    }

    void created(String channel) {
        counter("notices.created", channel, "notices written (inbox) and deliveries created").increment();
    }

    void sent(Channel channel) {
        counter("notices.sent", channel.tag(), "notice deliveries sent").increment();
    }

    void failed(Channel channel) {
        counter("notices.failed", channel.tag(), "notice deliveries given up after 24 h of failures").increment();
    }

    private Counter counter(String name, String channel, String description) {
        return Counter.builder(name).description(description).tag("channel", channel).register(registry);
    }
}
