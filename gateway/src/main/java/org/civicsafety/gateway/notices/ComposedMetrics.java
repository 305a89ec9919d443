package org.civicsafety.gateway.notices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * How the composed notice calls fare: {@code gateway_composed_requests_total{operation,outcome}} per
 * answer ({@code ok}: every owner answered, {@code partial}: one did, {@code failed}: none — a 503) and
 * {@code gateway_composed_parts_total{operation,part,outcome}} per owner asked ({@code ok} / {@code failed}),
 * so a dashboard shows which service the partial answers miss.
 */
@Singleton
public class ComposedMetrics {

    /** What a composed answer was. */
    enum Outcome {
        OK, PARTIAL, FAILED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    @Inject
    public ComposedMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answer(String operation, Outcome outcome) {
        Counter.builder("gateway_composed_requests").tag("operation", operation).tag("outcome", outcome.tag())
                .register(registry).increment();
    }

    void part(String operation, NoticeOwner owner, boolean ok) {
        Counter.builder("gateway_composed_parts").tag("operation", operation).tag("part", owner.label())
                .tag("outcome", ok ? "ok" : "failed").register(registry).increment();
    }

    /** The answer's outcome from how many of the asked owners failed. */
    static Outcome outcome(int asked, int failed) {
        return failed == 0 ? Outcome.OK : failed < asked ? Outcome.PARTIAL : Outcome.FAILED;
    }
}
