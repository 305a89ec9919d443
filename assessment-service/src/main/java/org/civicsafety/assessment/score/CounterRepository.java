package org.civicsafety.assessment.score;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incremental counters: an event adds its deltas to its area and every ancestor, for its day and for the
 * month, quarter and year containing it (unless frozen), in one statement; the affected sibling groups are
 * marked for the snapshot job. Scores are then read from these sums, never recomputed from raw events.
 */
@ApplicationScoped
public class CounterRepository {
    @Inject
    Db db;
    @Inject
    Calendar calendar;

    public void add(String[] path, LocalDate day, Map<String, Double> deltas) {
        if (deltas.isEmpty()) return;
        List<String> periods = new ArrayList<>();
        periods.add(Period.dayKey(day));
        Set<String> dirtyPeriods = new LinkedHashSet<>();
        if (calendar.running().contains(day)) dirtyPeriods.add(Period.RUNNING);
        for (Period p : Period.containing(day)) {
            if (!calendar.frozen(p)) {
                periods.add(p.key());
                dirtyPeriods.add(p.key());
            }
        }
        List<String> a = new ArrayList<>(), pe = new ArrayList<>(), me = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (String area : path) {
            for (String p : periods) {
                for (Map.Entry<String, Double> d : deltas.entrySet()) {
                    a.add(area); pe.add(p); me.add(d.getKey()); v.add(d.getValue());
                }
            }
        }
        db.update("""
                INSERT INTO area_counter (area_code, period, metric, value)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[]) ORDER BY 1, 2, 3
                ON CONFLICT (area_code, period, metric) DO UPDATE SET value = area_counter.value + excluded.value
                """, a.toArray(String[]::new), pe.toArray(String[]::new), me.toArray(String[]::new), v.toArray(Double[]::new));
        markDirty(path, dirtyPeriods);
    }

    /** Every sibling group along the path (the parent of each area on it) must be re-snapshotted. */
    public void markDirty(String[] path, Collection<String> periods) {
        markDirty(List.<String[]>of(path), periods);
    }

    /** The same for many paths at once (a consumed batch): each distinct sibling group is marked once. */
    public void markDirty(Collection<String[]> paths, Collection<String> periods) {
        if (periods.isEmpty() || paths.isEmpty()) return;
        Set<String> groups = new java.util.TreeSet<>();
        for (String[] path : paths) {
            for (int i = 0; i < path.length; i++) groups.add(i == 0 ? "" : path[i - 1]);
        }
        List<String> parents = new ArrayList<>(), ps = new ArrayList<>();
        for (String g : groups) {
            for (String p : periods) { parents.add(g); ps.add(p); }
        }
        db.update("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT p, k, 0 FROM unnest(?::text[], ?::text[]) AS u(p, k) ORDER BY 1, 2
                ON CONFLICT (parent_code, period) DO UPDATE SET priority = 0 WHERE dirty_group.priority <> 0
                """, parents.toArray(String[]::new), ps.toArray(String[]::new));
    }

    /** Pooled counters per area for a period (running: the sum of its days). */
    public Map<String, Map<String, Double>> sums(Collection<String> areas, Period p) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        String[] codes = areas.toArray(String[]::new);
        List<Object[]> rows;
        if (p.type() == Period.Type.RUNNING) {
            rows = db.query("""
                    SELECT area_code, metric, sum(value) AS v FROM area_counter
                    WHERE area_code = ANY(?) AND length(period) = 10 AND period >= ? AND period <= ?
                    GROUP BY area_code, metric
                    """, rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getDouble(3)},
                    codes, Period.dayKey(p.start()), Period.dayKey(p.end()));
        } else {
            rows = db.query("SELECT area_code, metric, value FROM area_counter WHERE area_code = ANY(?) AND period = ?",
                    rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getDouble(3)}, codes, p.key());
        }
        for (Object[] r : rows) out.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (Double) r[2]);
        return out;
    }

    /** Σ of some metrics over a range of days, per area (trend test counts). */
    public Map<String, Double> daySum(Collection<String> areas, LocalDate from, LocalDate to, Collection<String> metrics) {
        Map<String, Double> out = new HashMap<>();
        db.query("""
                SELECT area_code, sum(value) FROM area_counter
                WHERE area_code = ANY(?) AND length(period) = 10 AND period >= ? AND period <= ? AND metric = ANY(?)
                GROUP BY area_code
                """, rs -> out.put(rs.getString(1), rs.getDouble(2)), areas.toArray(String[]::new),
                Period.dayKey(from), Period.dayKey(to), metrics.toArray(String[]::new));
        return out;
    }
}
