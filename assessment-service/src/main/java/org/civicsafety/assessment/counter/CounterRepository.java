package org.civicsafety.assessment.counter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.period.Period;

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
        // A day no open period contains still counts in the trend baseline of the open periods (the same
        // window in earlier years): re-check them, or history arriving after the present never alerts.
        if (dirtyPeriods.isEmpty()) dirtyPeriods.addAll(calendar.openPeriodKeys());
        List<String> a = new ArrayList<>(), pe = new ArrayList<>(), me = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (String area : path) {
            for (String p : periods) {
                for (Map.Entry<String, Double> d : deltas.entrySet()) {
                    a.add(area); pe.add(p); me.add(d.getKey()); v.add(d.getValue());
                }
            }
        }
        Pending batch = pending.get();
        if (batch != null) {
            for (int i = 0; i < a.size(); i++) batch.values.merge(new Key(a.get(i), pe.get(i), me.get(i)), v.get(i), Double::sum);
        } else {
            writeCounters(a, pe, me, v);
        }
        markDirty(path, dirtyPeriods);
    }

    private void writeCounters(List<String> a, List<String> pe, List<String> me, List<Double> v) {
        db.update("""
                INSERT INTO area_counter (area_code, period, metric, value)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[]) ORDER BY 1, 2, 3
                ON CONFLICT (area_code, period, metric) DO UPDATE SET value = area_counter.value + excluded.value
                """, a.toArray(String[]::new), pe.toArray(String[]::new), me.toArray(String[]::new), v.toArray(Double[]::new));
    }

    private record Key(String area, String period, String metric) {}

    private static final class Pending {
        final Map<Key, Double> values = new java.util.LinkedHashMap<>();
        final Map<List<String>, Long> dirty = new java.util.TreeMap<>(GROUP_ORDER);
    }

    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    /**
     * Runs work (a consumed batch, inside its transaction) with every counter delta summed per area, period and
     * metric and every dirty mark collected, then writes them in one statement each: handlers never read the
     * counters, so deferring the writes to the end of the batch changes nothing but the number of round trips.
     */
    public void batched(Runnable work) {
        if (pending.get() != null) {
            work.run();
            return;
        }
        Pending batch = new Pending();
        pending.set(batch);
        try {
            work.run();
        } finally {
            pending.remove();
        }
        if (!batch.values.isEmpty()) {
            List<String> a = new ArrayList<>(), pe = new ArrayList<>(), me = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            batch.values.forEach((k, val) -> { a.add(k.area()); pe.add(k.period()); me.add(k.metric()); v.add(val); });
            writeCounters(a, pe, me, v);
        }
        if (!batch.dirty.isEmpty()) writeDirty(batch.dirty);
    }

    /**
     * Priorities of dirty groups, most urgent first: the flow of incidents and cases and user uploads (what the
     * freshness promise is about), then hierarchy changes (a fresh instance or another system's bulk import marks
     * thousands of groups), then bulk recomputes (model activation, the daily window move).
     */
    public static final long PRIORITY_FLOW = 0, PRIORITY_HIERARCHY = 1, PRIORITY_BULK = 2;

    /** Every sibling group along the path (the parent of each area on it) must be re-snapshotted. */
    public void markDirty(String[] path, Collection<String> periods) {
        markDirty(List.<String[]>of(path), periods, PRIORITY_FLOW);
    }

    /** The same for many paths at once (a consumed batch): each distinct sibling group is marked once. */
    public void markDirty(Collection<String[]> paths, Collection<String> periods, long priority) {
        if (periods.isEmpty() || paths.isEmpty()) return;
        Set<String> groups = new java.util.TreeSet<>();
        for (String[] path : paths) {
            for (int i = 0; i < path.length; i++) groups.add(i == 0 ? "" : path[i - 1]);
        }
        Pending batch = pending.get();
        Map<List<String>, Long> marks = batch != null ? batch.dirty : new java.util.TreeMap<>(GROUP_ORDER);
        for (String g : groups) {
            for (String p : periods) marks.merge(List.of(g, p), priority, Math::min);
        }
        if (batch == null) writeDirty(marks);
    }

    private static final java.util.Comparator<List<String>> GROUP_ORDER =
            java.util.Comparator.<List<String>, String>comparing(g -> g.get(0)).thenComparing(g -> g.get(1));

    /** A group already marked keeps the more urgent of the two priorities. */
    private void writeDirty(Map<List<String>, Long> marks) {
        List<String> parents = new ArrayList<>(), ps = new ArrayList<>();
        List<Long> prios = new ArrayList<>();
        marks.forEach((g, pr) -> { parents.add(g.get(0)); ps.add(g.get(1)); prios.add(pr); });
        db.update("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT p, k, pr::smallint FROM unnest(?::text[], ?::text[], ?::int8[]) AS u(p, k, pr) ORDER BY 1, 2
                ON CONFLICT (parent_code, period) DO UPDATE SET priority = excluded.priority
                    WHERE dirty_group.priority > excluded.priority
                """, parents.toArray(String[]::new), ps.toArray(String[]::new), prios.toArray(Long[]::new));
    }

    /** One stored (or, for the running window, summed) counter of an area. */
    public record CounterRow(String area, String counter, double value) {}

    /** Pooled counters per area for a period (running: the sum of its days). */
    public Map<String, Map<String, Double>> sums(Collection<String> areas, Period p) {
        String[] codes = areas.toArray(String[]::new);
        List<CounterRow> rows;
        if (p.type() == Period.Type.RUNNING) {
            rows = db.query("""
                    SELECT area_code, metric, sum(value) AS v FROM area_counter
                    WHERE area_code = ANY(?) AND length(period) = 10 AND period >= ? AND period <= ?
                    GROUP BY area_code, metric
                    """, CounterRepository::counterRow, codes, Period.dayKey(p.start()), Period.dayKey(p.end()));
        } else {
            rows = db.query("SELECT area_code, metric, value FROM area_counter WHERE area_code = ANY(?) AND period = ?",
                    CounterRepository::counterRow, codes, p.key());
        }
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (CounterRow r : rows) out.computeIfAbsent(r.area(), k -> new HashMap<>()).put(r.counter(), r.value());
        return out;
    }

    private static CounterRow counterRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CounterRow(rs.getString(1), rs.getString(2), rs.getDouble(3));
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

    /** A sibling group (parent '' = the roots) claimed for re-snapshotting in one period. */
    public record DirtyGroup(String parentCode, String period, short priority) {
        /** null for the roots. */
        public String parent() { return parentCode.isEmpty() ? null : parentCode; }
    }

    /**
     * Claims the most urgent dirty group, or null. The claim is a MATERIALIZED CTE, evaluated exactly once: as an
     * `IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)` sub-query it is up to the plan, and a plan that re-runs it per
     * outer row (each run skipping the rows the statement already deleted) drains many groups while only the
     * first returned one is scored.
     */
    public DirtyGroup claimDirty() {
        return db.one("""
                WITH claimed AS MATERIALIZED (
                    SELECT parent_code, period FROM dirty_group ORDER BY priority, marked_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                DELETE FROM dirty_group d USING claimed c WHERE d.parent_code = c.parent_code AND d.period = c.period
                RETURNING d.parent_code, d.period, d.priority
                """, rs -> new DirtyGroup(rs.getString(1), rs.getString(2), rs.getShort(3)));
    }

    /** A claimed group whose snapshot failed is marked again (unless it was re-marked meanwhile). */
    public void putBack(DirtyGroup g) {
        db.update("INSERT INTO dirty_group (parent_code, period, priority) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                g.parentCode(), g.period(), g.priority());
    }

    /** Every sibling group, for these periods, at bulk priority (model activation, the daily window move). */
    public void markAllGroups(Collection<String> periods) {
        db.update("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT DISTINCT coalesce(a.parent_code, ''), p, ?::smallint FROM area a CROSS JOIN unnest(?::text[]) AS p
                ON CONFLICT DO NOTHING
                """, (short) PRIORITY_BULK, periods.toArray(String[]::new));
    }
}
