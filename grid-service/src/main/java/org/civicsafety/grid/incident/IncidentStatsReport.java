package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.incident.IncidentQueryResource.AreaStats;
import org.civicsafety.grid.incident.IncidentQueryResource.Stats;
import org.civicsafety.grid.incident.IncidentQueryResource.StatsGroup;
import org.civicsafety.grid.incident.IncidentStatistics.Breakdown;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.unit.UnitRepository;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * GET /incidents/stats: the figures of the caller's area (or one inside it) and of its children, and with
 * {@code groupBy} of each group, named.
 */
@ApplicationScoped
public class IncidentStatsReport {
    @Inject IncidentStatistics statistics;
    @Inject AreaRepository areas;
    @Inject UnitRepository units;
    @Inject IncidentViews views;

    public Stats stats(StatsFilter.Criteria c, Caller caller, Lang lang) {
        String code = c.areaCode() == null ? caller.area() : c.areaCode();
        Area area = null;
        if (code != null) {
            area = areas.find(code, false, false).orElseThrow(() -> ApiException.notFound("Unknown area " + code));
            if (!caller.is("admin") && (caller.area() == null || !area.path().contains(caller.area()))) {
                throw ApiException.notFound("Unknown area " + code);
            }
        } else if (!caller.is("admin")) {
            throw ApiException.badRequest(FieldError.of("areaCode", "required"));
        }
        String scoped = area == null ? null : area.code();
        String name = area == null ? null : area.name();
        int depth = area == null ? 1 : area.path().size() + 1;
        Breakdown b = statistics.breakdown(scoped, depth, c.from(), c.to());
        StatsGrouping by = c.groupBy();
        if (by == null) {
            return stats(code, name, c.from(), c.to(), b, areaNames(List.of(b)));
        }
        Map<String, Breakdown> grouped = statistics.groups(scoped, depth, c.from(), c.to(), by);
        Map<String, String> areaNames = areaNames(Stream.concat(Stream.of(b), grouped.values().stream()).toList());
        List<StatsGroup> groups = switch (by) {
            case MONTH, WEEK -> StatsPeriods.between(by, c.from(), c.to(), IncidentService.SHANGHAI).stream()
                    .map(p -> {
                        // the group's figures cover the part of the period that was asked for
                        OffsetDateTime from = p.from().isBefore(c.from()) ? c.from() : p.from();
                        OffsetDateTime to = p.to().isAfter(c.to()) ? c.to() : p.to();
                        return new StatsGroup(p.key(), null, p.from(), p.to(), stats(code, name, from, to,
                                grouped.getOrDefault(p.key(), IncidentStatistics.empty(null)), areaNames));
                    }).toList();
            case CATEGORY -> {
                Map<String, Category> cats = views.categories();
                yield largestFirst(grouped).map(k -> new StatsGroup(k,
                        cats.containsKey(k) ? cats.get(k).name(lang) : null, null, null,
                        stats(code, name, c.from(), c.to(), grouped.get(k), areaNames))).toList();
            }
            case UNIT -> {
                Map<String, String> unitNames = units.names(grouped.keySet());
                yield largestFirst(grouped).map(k -> new StatsGroup(k, unitNames.get(k), null, null,
                        stats(code, name, c.from(), c.to(), grouped.get(k), areaNames))).toList();
            }
            // every child, those without incidents too; each one's figures are its own children's
            case CHILD_AREA -> areas.children(scoped).stream().map(child -> new StatsGroup(child.code(),
                    child.name(), null, null, stats(child.code(), child.name(), c.from(), c.to(),
                            grouped.getOrDefault(child.code(), IncidentStatistics.empty(null)), areaNames)))
                    .toList();
        };
        return stats(code, name, c.from(), c.to(), b, areaNames).grouped(by, groups);
    }

    /** The figures of a breakdown as the API shows them, for the area {@code code}. */
    private static Stats stats(String code, String name, OffsetDateTime from, OffsetDateTime to, Breakdown b,
            Map<String, String> areaNames) {
        AreaStats total = AreaStats.of(code, name, b.total());
        List<AreaStats> perArea = b.children().stream()
                .map(a -> AreaStats.of(a.areaCode(), areaNames.get(a.areaCode()), a)).toList();
        return new Stats(code, from, to, total.incidents(), b.byCategory(), b.bySeverity(), b.byState(), total,
                perArea, null, null);
    }

    /** The names of the child areas of the breakdowns, in one read. */
    private Map<String, String> areaNames(List<Breakdown> breakdowns) {
        Map<String, String> names = new HashMap<>();
        areas.findAll(breakdowns.stream().flatMap(b -> b.children().stream())
                .map(IncidentStatistics.Figures::areaCode).distinct().toList())
                .forEach(a -> names.put(a.code(), a.name()));
        return names;
    }

    /** The group keys, most incidents first (then by key). */
    private static Stream<String> largestFirst(Map<String, Breakdown> groups) {
        return groups.keySet().stream().sorted(Comparator
                .comparingLong((String k) -> groups.get(k).total().incidents()).reversed()
                .thenComparing(Comparator.naturalOrder()));
    }
}
