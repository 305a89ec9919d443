package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.outbox.Outbox;
import org.civicsafety.grid.webhook.WebhookService;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds {@code org.civicsafety.incident.*.v1} events (events.md fields, no personal data) into the outbox. Only the
 * kinds of {@link #types()} can be written: asyncapi.yaml documents exactly those. The events of an incident a
 * partner posted are queued for its webhook subscriptions in the same transaction.
 */
@ApplicationScoped
public class IncidentEvents {
    public static final String PREFIX = "org.civicsafety.incident.";
    static final String REPORTED = "reported";
    static final String DUPLICATE_LINKED = "duplicate-linked";
    static final String ALERT = "alert";
    /** Reporting's three kinds and one per step of the workflow. */
    private static final Set<String> KINDS = Stream
            .concat(Stream.of(REPORTED, DUPLICATE_LINKED, ALERT), IncidentWorkflow.events())
            .collect(Collectors.toUnmodifiableSet());

    @Inject Outbox outbox;
    @Inject GridConfig config;
    @Inject WebhookService webhooks;
    @Inject CategoryRepository categories;

    public void publish(String kind, Incident i) {
        publish(kind, i, Map.of());
    }

    public void publish(String kind, Incident i, Map<String, Object> extra) {
        publishAll(i, List.of(event(kind, i, extra)));
    }

    /** Several events of one incident's transaction in a single outbox statement, in list order. */
    public void publishAll(Incident i, List<Outbox.Event> events) {
        outbox.appendAll(events);
        webhooks.enqueue(i.partnerId(), events);
    }

    public Outbox.Event event(String kind, Incident i, Map<String, Object> extra) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("incident." + kind + " is not one of the documented event kinds");
        }
        Map<String, Object> data = data(i, categories.find(i.categoryCode()).orElseThrow().groupCode(),
                OffsetDateTime.now(ZoneOffset.UTC));
        data.putAll(extra);
        return new Outbox.Event(config.kafka().gridTopic(), i.id().toString(), PREFIX + kind + ".v1", data);
    }

    /** Every ce_type of an incident event this service can write. */
    public static Set<String> types() {
        return KINDS.stream().map(k -> PREFIX + k + ".v1").collect(Collectors.toUnmodifiableSet());
    }

    /** @param categoryGroup the category's group code (e.g. DISPUTE: cases-service mediates only disputes) */
    static Map<String, Object> data(Incident i, String categoryGroup, OffsetDateTime now) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("incidentId", i.id().toString());
        d.put("number", i.number());
        d.put("categoryCode", i.categoryCode());
        d.put("categoryGroup", categoryGroup);
        d.put("severity", i.severity().name());
        d.put("source", i.source().name());
        d.put("areaCode", i.areaCode());
        d.put("path", i.path());
        d.put("state", i.state().name());
        d.put("level", i.level().name());
        d.put("assignedUnit", i.assignedUnit());
        d.put("dueAt", i.dueAt() == null ? null : i.dueAt().toString());
        d.put("duplicateOf", i.duplicateOf() == null ? null : i.duplicateOf().toString());
        d.put("reportCount", i.reportCount());
        d.put("version", i.version());
        d.put("occurredAt", now.toString());
        return d;
    }
}
