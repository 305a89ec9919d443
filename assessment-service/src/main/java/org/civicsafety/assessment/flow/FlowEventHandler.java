package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventData;
import org.civicsafety.assessment.messaging.EventHandler;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.counter.CounterRepository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    @Inject CounterRepository counters;
    @Inject Calendar calendar;

    FlowEventHandler(String prefix, String idField) {
        this.prefix = prefix;
        this.idField = idField;
    }

    @Override
    public boolean handles(String type) {
        return type != null && type.startsWith(prefix) && type.endsWith(".v1");
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        FlowEvent e = read(event, data);
        R row = locked(e.id());
        boolean stale = row != null && e.version() <= row.version; // an older (or repeated) copy: its state is not news
        R kept = row != null ? row : create(e.id());
        Map<String, Double> deltas = new LinkedHashMap<>();
        F facts = count(e, stale, kept.facts(), deltas);
        counters.add(e.path(), e.day(), deltas);
        if (!stale)
            kept.follow(e);
        kept.record(facts);
        if (row == null)
            persist(kept); // inserted when the batch flushes
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

    /** The row of this id, locked for the transaction (events of one id may be applied concurrently), or null. */
    abstract R locked(String id);

    /** A row for an id seen for the first time: no facts yet. */
    abstract R create(String id);

    abstract void persist(R row);

    /**
     * Puts the counter changes the event makes into {@code deltas} and returns the facts after it.
     *
     * @param stale the event is not newer than the row's latest state
     * @param facts the facts before the event (none for a new row)
     */
    abstract F count(FlowEvent e, boolean stale, F facts, Map<String, Double> deltas);
}
