package org.civicsafety.grid.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notice metrics of the design (Prometheus names): {@code notices_created_total{channel}} (inbox, email, sms,
 * webhook), {@code notices_sent_total{channel}}, {@code notices_failed_total{channel}} and the gauge
 * {@code notices_pending{channel}}, which the relay refreshes.
 */
@ApplicationScoped
public class NoticeMetrics {
    @Inject MeterRegistry registry;

    private final Map<Channel, AtomicLong> pending = new EnumMap<>(Channel.class);

    @PostConstruct
    void register() {
        for (Channel c : Channel.values()) {
            AtomicLong value = new AtomicLong();
            pending.put(c, value);
            Gauge.builder("notices.pending", value, AtomicLong::get).tag("channel", c.tag())
                    .description("Deliveries waiting to be sent (pending or deferred)").register(registry);
        }
    }

    /** A committed notice: one in the inbox, and one per delivery of its channel. */
    void created(List<Channel> deliveries) {
        registry.counter("notices.created", "channel", Channel.INBOX_TAG).increment();
        deliveries.forEach(c -> registry.counter("notices.created", "channel", c.tag()).increment());
    }

    /** A committed delivery without a notice: a partner's event. */
    void created(Channel channel) {
        registry.counter("notices.created", "channel", channel.tag()).increment();
    }

    void sent(Channel channel) {
        registry.counter("notices.sent", "channel", channel.tag()).increment();
    }

    void failed(Channel channel) {
        registry.counter("notices.failed", "channel", channel.tag()).increment();
    }

    void pending(Map<Channel, Long> counts) {
        Arrays.stream(Channel.values()).forEach(c -> pending.get(c).set(counts.getOrDefault(c, 0L)));
    }
}
