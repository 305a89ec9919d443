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
        // One scan for every figure: each grouping set is one breakdown, () is the total. GROUPING(...)
        // has a bit set for each column the row is not grouped by, which says which breakdown it is.
        String rates = "count(*) AS incidents, count(*) FILTER (WHERE i.resolved_at IS NOT NULL) AS resolved,"
                + " count(*) FILTER (WHERE i.resolved_on_time) AS resolved_on_time,"
                + " count(*) FILTER (WHERE i.escalation_count > 0) AS escalated,"
                + " count(*) FILTER (WHERE i.overdue) AS overdue, coalesce(sum(i.report_count), 0) AS reports,"
                + " count(*) FILTER (WHERE i.dispatched_at <= i.reported_at + interval '" + RESPONSE_HOURS
                + " hours') AS responded_in_time, count(i.satisfaction) AS rated,"
                + " count(*) FILTER (WHERE i.satisfaction IN " + SATISFIED + ") AS satisfied";
        String child = "i.path[" + depth + "]";
        record Row(int grouping, String category, String severity, String state, String child, Figures figures) {}
        // SQL: grouping sets, one scan for every breakdown
        List<Row> rows = SqlRow.list(NativeQueries.bind(em.createNativeQuery("SELECT GROUPING(i.category_code,"
                + " i.severity, i.state, " + child + ") AS grouping_set, i.category_code, i.severity, i.state, " + child
                + " AS child_code, " + rates + " FROM incident i" + where
                + " GROUP BY GROUPING SETS ((i.category_code), (i.severity), (i.state), (" + child + "), ())"
                + " ORDER BY 1, 2, 3, 4, 5"), args),
                r -> new Row(r.integer("grouping_set"), r.string("category_code"), r.string("severity"),
                        r.string("state"), r.string("child_code"), figures(r.string("child_code"), r)));
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        Map<String, Long> byState = new LinkedHashMap<>();
        List<Figures> children = new ArrayList<>();
        Figures total = null;
        for (Row r : rows) {
            switch (r.grouping()) {
                case 0b0111 -> byCategory.put(r.category(), r.figures().incidents());
                case 0b1011 -> bySeverity.put(r.severity(), r.figures().incidents());
                case 0b1101 -> byState.put(r.state(), r.figures().incidents());
                case 0b1110 -> {
                    if (r.child() != null) {
                        children.add(r.figures());
                    }
                }
                default -> total = r.figures();
            }
        }
        return new Breakdown(byCategory, bySeverity, byState, total, children);
    }

    /** Maps the count columns of {@code rates}. */
    private static Figures figures(String code, SqlRow r) {
        return new Figures(code, r.lng("incidents"), r.lng("resolved"), r.lng("resolved_on_time"),
                r.lng("escalated"), r.lng("overdue"), r.lng("reports"), r.lng("responded_in_time"), r.lng("rated"),
                r.lng("satisfied"));
    }
}
