package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.security.Caller;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The filtered incident list that GET /incidents and its GeoJSON map share. */
@ApplicationScoped
public class IncidentQueries {
    @Inject IncidentRepository incidents;
    @Inject AreaRepository areas;

    /** One page of incidents and the cursor of the next (null on the last page). */
    public record Slice(List<IncidentRow> items, String nextCursor) {}

    public Slice page(IncidentFilter filter, Caller caller) {
        return page(filter.criteria(), caller);
    }

    public Slice page(IncidentFilter.Criteria f, Caller caller) {
        IncidentScope scope = IncidentScope.of(caller);
        // the area filter and a staff member's area scope are one area subtree for the list indexes: the inner one
        List<String> codes = Stream.of(f.areaCode(), scope.area()).filter(Objects::nonNull).distinct().toList();
        IncidentRepository.AreaKey area = null;
        if (!codes.isEmpty()) {
            Optional<IncidentRepository.AreaKey> inner = innermost(codes,
                    codes.stream().allMatch(Codes::storable) ? areas.findAll(codes) : List.of());
            if (inner.isEmpty()) {
                return new Slice(List.of(), null);
            }
            area = inner.get();
        }
        List<IncidentRow> rows = incidents.page(scope, f, area);
        if (rows.size() <= f.limit()) {
            return new Slice(rows, null);
        }
        List<IncidentRow> page = rows.subList(0, f.limit());
        return new Slice(page, IncidentFilter.Criteria.cursorOf(page.get(page.size() - 1)));
    }

    /**
     * Of the areas {@code codes}, the one inside all the others, as the key of its level; empty when an area is
     * unknown or they do not nest, so that no incident lies in all of them.
     */
    static Optional<IncidentRepository.AreaKey> innermost(List<String> codes, List<Area> found) {
        if (found.size() != codes.size()) {
            return Optional.empty();
        }
        return found.stream().filter(a -> a.path().containsAll(codes)).findFirst()
                .map(a -> new IncidentRepository.AreaKey(a.code(), a.path().size()));
    }
}
