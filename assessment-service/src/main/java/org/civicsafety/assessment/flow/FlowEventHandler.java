package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.civicsafety.assessment.messaging.EventData;
import org.civicsafety.assessment.messaging.EventHandler;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.counter.CounterRepository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The steps the incident and case handlers share: read the `<prefix><kind>.v1` event, lock the row it is about,
 * let the subclass count what is new, add the counts and keep the row's latest state and facts.
 *
 * @param <R> the row kept per case or incident
 * @param <F> the facts kept in the row
 */
abstract class FlowEventHandler<R extends Tracked<F>, F> implements EventHandler {
    private final String prefix;
    private final String idField;
    private final Function<String, R> create;

    @Inject CounterRepository counters;
    @Inject Calendar calendar;

    /** @param create a row for an id seen for the first time: no facts yet */
    FlowEventHandler(String prefix, String idField, Function<String, R> create) {
        this.prefix = prefix;
        this.idField = idField;
        this.create = create;
    }

    @Override
    public boolean handles(String type) {
        return type != null && type.startsWith(prefix) && type.endsWith(".v1");
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        FlowEvent e = read(event, data);
        // Locked for the transaction: events of one case or incident may be applied concurrently.
        R row = rows().findById(e.id(), LockModeType.PESSIMISTIC_WRITE);
        boolean stale = row != null && e.version() <= row.version; // an older (or repeated) copy: its state is not news
        R kept = row != null ? row : create.apply(e.id());
        Map<String, Double> deltas = new LinkedHashMap<>();
        F facts = count(e, stale, kept.facts(), deltas);
        counters.add(e.path(), e.day(), deltas);
        if (!stale)
            kept.follow(e);
        kept.record(facts);
        if (row == null)
            rows().persist(kept); // inserted when the batch flushes
    }

    private FlowEvent read(CloudEvent event, JsonNode data) {
        String kind = kind(event);
        String id = EventData.required(data, idField);
        long version = EventData.version(data);
        String area = EventData.required(data, "areaCode");
        String[] path = EventData.path(data, area);
        Instant at = EventData.occurredAt(data, event.getTime());
        return new FlowEvent(kind, id, version, area, path, at, calendar.day(at), data);
    }

    /** The transition name, e.g. `reported` for org.civicsafety.incident.reported.v1. */
    private String kind(CloudEvent event) {
        return event.getType().substring(prefix.length(), event.getType().length() - 3);
    }

    abstract PanacheRepositoryBase<R, String> rows();

    /**
     * Puts the counter changes the event makes into {@code deltas} and returns the facts after it.
     *
     * @param stale the event is not newer than the row's latest state
     * @param facts the facts before the event (none for a new row)
     */
    abstract F count(FlowEvent e, boolean stale, F facts, Map<String, Double> deltas);
}
