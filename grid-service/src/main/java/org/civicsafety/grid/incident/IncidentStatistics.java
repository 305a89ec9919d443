package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Statistics over table incident: every breakdown in a single grouping-sets scan. */
@ApplicationScoped
public class IncidentStatistics {
    /** The 12345 response rate counts incidents dispatched within this many hours of the report. */
    static final int RESPONSE_HOURS = 1;
    /** The ratings that count as satisfied, as SQL, from {@link Satisfaction#satisfied()}. */
    private static final String SATISFIED = Arrays.stream(Satisfaction.values()).filter(Satisfaction::satisfied)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    @Inject EntityManager em;

    /**
     * The counts of a set of incidents; {@code areaCode} is the child area they lie in (null for the total).
     * {@code respondedInTime}: dispatched within an hour of the report; {@code rated}: with a reporter's rating,
     * {@code satisfied} of them satisfied or basically satisfied (the 12345 "three rates").
     */
    public record Figures(String areaCode, long incidents, long resolved, long resolvedOnTime, long escalated,
            long overdue, long reports, long respondedInTime, long rated, long satisfied) {}

    /** Incident counts by category, severity and state (in that order of keys), the total and per child area. */
    public record Breakdown(Map<String, Long> byCategory, Map<String, Long> bySeverity, Map<String, Long> byState,
            Figures total, List<Figures> children) {}

    /**
     * Incidents (duplicates left out) under {@code areaCode} (all if null) reported in {@code [from, to)} (open
     * ends if null); the children are the areas at path position {@code depth}.
     */
    public Breakdown breakdown(String areaCode, int depth, OffsetDateTime from, OffsetDateTime to) {
        return breakdowns(areaCode, depth, from, to, null).getOrDefault(TOTAL, empty(null));
    }

    /**
     * The breakdown of each group of the same incidents, by group key (groups without incidents are absent): by
     * {@code by}'s key (see {@link StatsGrouping}); the children of a child area's group are its own children.
     */
    public Map<String, Breakdown> groups(String areaCode, int depth, OffsetDateTime from, OffsetDateTime to,
            StatsGrouping by) {
        return breakdowns(areaCode, depth, from, to, by);
    }

    /** A breakdown of no incidents; {@code areaCode} names its total. */
    public static Breakdown empty(String areaCode) {
        return new Breakdown(Map.of(), Map.of(), Map.of(), new Figures(areaCode, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                List.of());
    }

    /** The key of the one group of an ungrouped breakdown. */
    private static final String TOTAL = "";

    /**
     * One scan for every figure of every group: each grouping set is one breakdown (by category, severity, state,
     * child area) or a total, within a group when {@code by} is set (its key then leads every set).
     */
    private Map<String, Breakdown> breakdowns(String areaCode, int depth, OffsetDateTime from, OffsetDateTime to,
            StatsGrouping by) {
        StringBuilder where = new StringBuilder(" WHERE i.state <> 'DUPLICATE'");
        List<Object> args = new ArrayList<>();
        if (areaCode != null) {
            // the area sits at the position above its children: an equality on that level's list index (V12)
            where.append(" AND i.path[").append(depth - 1).append("] = ?");
            args.add(areaCode);
        }
        if (from != null) {
            where.append(" AND i.reported_at >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND i.reported_at < ?");
            args.add(to);
        }
        // GROUPING(...) has a bit set for each column the row is not grouped by, which says which breakdown it is.
        String rates = "count(*) AS incidents, count(*) FILTER (WHERE i.resolved_at IS NOT NULL) AS resolved,"
                + " count(*) FILTER (WHERE i.resolved_on_time) AS resolved_on_time,"
                + " count(*) FILTER (WHERE i.escalation_count > 0) AS escalated,"
                + " count(*) FILTER (WHERE i.overdue) AS overdue, coalesce(sum(i.report_count), 0) AS reports,"
                + " count(*) FILTER (WHERE i.dispatched_at <= i.reported_at + interval '" + RESPONSE_HOURS
                + " hours') AS responded_in_time, count(i.satisfaction) AS rated,"
                + " count(*) FILTER (WHERE i.satisfaction IN " + SATISFIED + ") AS satisfied";
        // a child area's group breaks down into its own children, one level further down
        String child = "i.path[" + (by == StatsGrouping.CHILD_AREA ? depth + 1 : depth) + "]";
        String key = by == null ? "''" : groupKey(by, depth);
        String lead = by == null ? "" : key + ", ";
        record Row(String key, int grouping, String category, String severity, String state, String child,
                Figures figures) {}
        // SQL: grouping sets, one scan for every breakdown of every group
        List<Row> rows = SqlRow.list(NativeQueries.bind(em.createNativeQuery("SELECT " + key + " AS group_key,"
                + " GROUPING(i.category_code, i.severity, i.state, " + child + ") AS grouping_set, i.category_code,"
                + " i.severity, i.state, " + child + " AS child_code, " + rates + " FROM incident i" + where
                + " GROUP BY GROUPING SETS ((" + lead + "i.category_code), (" + lead + "i.severity), (" + lead
                + "i.state), (" + lead + child + "), (" + (by == null ? "" : key) + ")) ORDER BY 1, 2, 3, 4, 5, 6"),
                args),
                r -> new Row(r.string("group_key"), r.integer("grouping_set"), r.string("category_code"),
                        r.string("severity"), r.string("state"), r.string("child_code"),
                        figures(r.string("child_code"), r)));
        Map<String, Breakdown> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.key() == null) {
                continue; // the incidents of the area itself, in none of its children (a grid has none)
            }
            Breakdown g = groups.computeIfAbsent(r.key(), k -> new Breakdown(new LinkedHashMap<>(),
                    new LinkedHashMap<>(), new LinkedHashMap<>(), null, new ArrayList<>()));
            switch (r.grouping()) {
                case 0b0111 -> g.byCategory().put(r.category(), r.figures().incidents());
                case 0b1011 -> g.bySeverity().put(r.severity(), r.figures().incidents());
                case 0b1101 -> g.byState().put(r.state(), r.figures().incidents());
                case 0b1110 -> {
                    if (r.child() != null) {
                        g.children().add(r.figures());
                    }
                }
                // the total comes last in its group (all four bits set)
                default -> groups.put(r.key(), new Breakdown(g.byCategory(), g.bySeverity(), g.byState(),
                        r.figures(), g.children()));
            }
        }
        return groups;
    }

    /**
     * The SQL of a grouping's key on alias {@code i}; a period's as {@link StatsPeriods} writes it, in the
     * platform's zone (a constant, written into the statement so that every mention of the key is one expression).
     */
    private static String groupKey(StatsGrouping by, int depth) {
        String local = "(i.reported_at AT TIME ZONE '" + IncidentService.SHANGHAI.getId() + "')";
        return switch (by) {
            case MONTH -> "to_char(" + local + ", 'YYYY-MM')";
            case WEEK -> "to_char(" + local + ", 'IYYY-\"W\"IW')";
            case CATEGORY -> "i.category_code";
            case UNIT -> "coalesce(i.assigned_unit, '" + StatsGrouping.UNASSIGNED + "')";
            case CHILD_AREA -> "i.path[" + depth + "]";
        };
    }

    /** Maps the count columns of {@code rates}. */
    private static Figures figures(String code, SqlRow r) {
        return new Figures(code, r.lng("incidents"), r.lng("resolved"), r.lng("resolved_on_time"),
                r.lng("escalated"), r.lng("overdue"), r.lng("reports"), r.lng("responded_in_time"), r.lng("rated"),
                r.lng("satisfied"));
    }
}
