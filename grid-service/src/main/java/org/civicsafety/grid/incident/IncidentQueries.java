package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.security.Caller;

import java.util.List;

/** The filtered incident list that GET /incidents and its GeoJSON map share. */
@ApplicationScoped
public class IncidentQueries {
    @Inject IncidentRepository incidents;

    /** One page of incidents and the cursor of the next (null on the last page). */
    public record Slice(List<IncidentRow> items, String nextCursor) {}

    public Slice page(IncidentFilter filter, Caller caller) {
        IncidentFilter.Criteria f = filter.criteria();
        List<IncidentRow> rows = incidents.page(IncidentScope.of(caller), f);
        if (rows.size() <= f.limit()) {
            return new Slice(rows, null);
        }
        List<IncidentRow> page = rows.subList(0, f.limit());
        return new Slice(page, IncidentFilter.Criteria.cursorOf(page.get(page.size() - 1)));
    }
}
