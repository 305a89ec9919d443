package org.civicsafety.assessment.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventData;
import org.civicsafety.assessment.messaging.EventHandler;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.period.Calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** org.civicsafety.area.upserted.v1 → the local copy of the hierarchy (stale versions ignored). */
@ApplicationScoped
public class AreaEventHandler implements EventHandler {
    public static final String TYPE = "org.civicsafety.area.upserted.v1";

    @Inject AreaRepository areas;
    @Inject CounterRepository counters;
    @Inject Calendar calendar;

    @Override
    public boolean handles(String type) {
        return TYPE.equals(type);
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        applyAll(List.of(new Consumed(event, data)));
    }

    /**
     * A batch of upserts: per code only the newest version can win (stale ones would be skipped anyway), so one
     * batched upsert per code suffices; population and membership feed the scores of the sibling groups along
     * every path an applied area had in the batch, so those are re-snapshotted for the open periods.
     */
    @Override
    public void applyAll(List<Consumed> events) {
        Map<String, AreaUpsert> newest = new TreeMap<>(); // code order: concurrent writers lock rows alike
        Map<String, List<String[]>> paths = new HashMap<>();
        for (Consumed e : events) {
            AreaUpsert u = read(e.event(), e.data());
            newest.merge(u.code(), u, (old, neu) -> neu.version() > old.version() ? neu : old);
            paths.computeIfAbsent(u.code(), k -> new ArrayList<>()).add(u.path());
        }
        List<String> applied = areas.upsertAll(newest.values());
        List<String[]> dirty = new ArrayList<>();
        for (String code : applied)
            dirty.addAll(paths.get(code));
        counters.markDirty(dirty, calendar.openPeriodKeys(), CounterRepository.PRIORITY_HIERARCHY);
    }

    private static AreaUpsert read(CloudEvent event, JsonNode data) {
        String code = EventData.required(data, "code");
        String parent = EventData.text(data, "parentCode");
        return new AreaUpsert(code, EventData.required(data, "name"), EventData.required(data, "level"),
                parent == null || parent.isBlank() ? null : parent, EventData.path(data, code),
                EventData.optLong(data, "population"), EventData.text(data, "responsibleUnit"), EventData.version(data),
                EventData.occurredAt(data, event.getTime()));
    }

    /** One area event's values, as {@link AreaRepository#upsertAll} writes them. */
    public record AreaUpsert(String code, String name, String level, String parentCode, String[] path, Long population,
            String responsibleUnit, long version, Instant occurredAt) {}
}
