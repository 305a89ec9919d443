package org.civicsafety.assessment.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventData;
import org.civicsafety.assessment.messaging.EventHandler;

/** org.civicsafety.area.upserted.v1 → the local copy of the hierarchy (stale versions ignored). */
@ApplicationScoped
public class AreaEventHandler implements EventHandler {
    public static final String TYPE = "org.civicsafety.area.upserted.v1";

    @Inject
    AreaRepository areas;
    @Inject
    org.civicsafety.assessment.score.CounterRepository counters;
    @Inject
    org.civicsafety.assessment.score.Calendar calendar;

    @Override
    public boolean handles(String type) { return TYPE.equals(type); }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String code = EventData.required(data, "code");
        String parent = EventData.text(data, "parentCode");
        Area a = new Area(code, EventData.required(data, "name"), EventData.required(data, "level"),
                parent == null || parent.isBlank() ? null : parent, EventData.path(data, code),
                EventData.optLong(data, "population"), EventData.text(data, "responsibleUnit"), EventData.version(data));
        if (areas.upsert(a, EventData.occurredAt(data, event.getTime()))) {
            // Population and membership feed the scores of the area's sibling groups: re-snapshot the open periods.
            counters.markDirty(a.path(), calendar.openPeriodKeys());
        }
    }
}
