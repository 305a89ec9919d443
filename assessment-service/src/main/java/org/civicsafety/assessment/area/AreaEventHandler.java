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
    jakarta.enterprise.event.Event<AreaChanged> changed;

    @Override
    public boolean handles(String type) { return TYPE.equals(type); }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String code = EventData.required(data, "code");
        String parent = EventData.text(data, "parentCode");
        Area a = new Area(code, EventData.required(data, "name"), EventData.required(data, "level"),
                parent == null || parent.isBlank() ? null : parent, EventData.path(data, code),
                EventData.optLong(data, "population"), EventData.text(data, "responsibleUnit"), EventData.version(data));
        if (areas.upsert(a, EventData.occurredAt(data, event.getTime()))) changed.fire(new AreaChanged(a));
    }

    /** Fired (synchronously, inside the transaction) when an area was inserted or updated. */
    public record AreaChanged(Area area) {}
}
