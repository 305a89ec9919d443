package org.civicsafety.assessment.counter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.civicsafety.assessment.common.SqlRow;
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
 * All of it is SQL (native queries in the ORM session's transaction): bulk upserts of summed deltas, set-wise
 * sums and the SKIP LOCKED claim are what the database does in one statement and entities cannot.
 */
@ApplicationScoped
public class CounterRepository {
    @Inject EntityManager em;
    @Inject Calendar calendar;

    public void add(String[] path, LocalDate day, Map<String, Double> deltas) {
        if (deltas.isEmpty())
            return;
        List<String> periods = new ArrayList<>();
        periods.add(Period.dayKey(day));
        Set<String> dirtyPeriods = new LinkedHashSet<>();
        if (calendar.running().contains(day))
            dirtyPeriods.add(Period.RUNNING);
        for (Period p : Period.containing(day)) {
            if (!calendar.frozen(p)) {
                periods.add(p.key());
                dirtyPeriods.add(p.key());
            }
        }
        // A day no open period contains still counts in the trend baseline of the open periods (the same
        // window in earlier years): re-check them, or history arriving after the present never alerts.
        if (dirtyPeriods.isEmpty())
            dirtyPeriods.addAll(calendar.openPeriodKeys());
        List<String> a = new ArrayList<>(), pe = new ArrayList<>(), me = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (String area : path) {
            for (String p : periods) {
                for (Map.Entry<String, Double> d : deltas.entrySet()) {
                    a.add(area);
                    pe.add(p);
                    me.add(d.getKey());
                    v.add(d.getValue());
                }
            }
        }
        Pending batch = pending.get();
        if (batch != null) {
            for (int i = 0; i < a.size(); i++)
                batch.values.merge(new Key(a.get(i), pe.get(i), me.get(i)), v.get(i), Double::sum);
        } else {
            writeCounters(a, pe, me, v);
        }
        markDirty(path, dirtyPeriods);
    }

    private void writeCounters(List<String> a, List<String> pe, List<String> me, List<Double> v) {
        em.createNativeQuery("""
                INSERT INTO area_counter (area_code, period, metric, value)
                SELECT * FROM unnest(cast(:areas AS text[]), cast(:periods AS text[]), cast(:metrics AS text[]),
                    cast(:deltas AS float8[])) ORDER BY 1, 2, 3
                ON CONFLICT (area_code, period, metric) DO UPDATE SET value = area_counter.value + excluded.value
                """).setParameter("areas", a.toArray(String[]::new)).setParameter("periods", pe.toArray(String[]::new))
                .setParameter("metrics", me.toArray(String[]::new)).setParameter("deltas", v.toArray(Double[]::new))
                .executeUpdate();
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
            batch.values.forEach((k, val) -> {
                a.add(k.area());
                pe.add(k.period());
                me.add(k.metric());
                v.add(val);
            });
            writeCounters(a, pe, me, v);
        }
        if (!batch.dirty.isEmpty())
            writeDirty(batch.dirty);
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
        if (periods.isEmpty() || paths.isEmpty())
            return;
        Set<String> groups = new java.util.TreeSet<>();
        for (String[] path : paths) {
            for (int i = 0; i < path.length; i++)
                groups.add(i == 0 ? "" : path[i - 1]);
        }
        Pending batch = pending.get();
        Map<List<String>, Long> marks = batch != null ? batch.dirty : new java.util.TreeMap<>(GROUP_ORDER);
        for (String g : groups) {
            for (String p : periods)
                marks.merge(List.of(g, p), priority, Math::min);
        }
        if (batch == null)
            writeDirty(marks);
    }

    private static final java.util.Comparator<List<String>> GROUP_ORDER = java.util.Comparator
            .<List<String>, String>comparing(g -> g.get(0)).thenComparing(g -> g.get(1));

    /** A group already marked keeps the more urgent of the two priorities. */
    private void writeDirty(Map<List<String>, Long> marks) {
        List<String> parents = new ArrayList<>(), ps = new ArrayList<>();
        List<Long> prios = new ArrayList<>();
        marks.forEach((g, pr) -> {
            parents.add(g.get(0));
            ps.add(g.get(1));
            prios.add(pr);
        });
        em.createNativeQuery("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT p, k, cast(pr AS smallint)
                FROM unnest(cast(:parents AS text[]), cast(:periods AS text[]), cast(:priorities AS int8[])) AS u(p, k, pr)
                ORDER BY 1, 2
                ON CONFLICT (parent_code, period) DO UPDATE SET priority = excluded.priority
                    WHERE dirty_group.priority > excluded.priority
                """).setParameter("parents", parents.toArray(String[]::new))
                .setParameter("periods", ps.toArray(String[]::new))
                .setParameter("priorities", prios.toArray(Long[]::new)).executeUpdate();
    }

    /** One stored (or, for the running window, summed) counter of an area. */
    public record CounterRow(String area, String counter, double value) {}

    /** Pooled counters per area for a period (running: the sum of its days). */
    public Map<String, Map<String, Double>> sums(Collection<String> areas, Period p) {
        String[] codes = areas.toArray(String[]::new);
        List<CounterRow> rows;
        if (p.type() == Period.Type.RUNNING) {
            rows = SqlRow.list(em.createNativeQuery("""
                    SELECT area_code, metric, sum(value) AS value FROM area_counter
                    WHERE area_code = ANY(cast(:codes AS text[])) AND length(period) = 10 AND period >= :from AND period <= :to
                    GROUP BY area_code, metric
                    """).setParameter("codes", codes).setParameter("from", Period.dayKey(p.start()))
                    .setParameter("to", Period.dayKey(p.end())), CounterRepository::counterRow);
        } else {
            rows = SqlRow.list(em.createNativeQuery("""
                    SELECT area_code, metric, value FROM area_counter WHERE area_code = ANY(cast(:codes AS text[])) AND period = :period
                    """).setParameter("codes", codes).setParameter("period", p.key()), CounterRepository::counterRow);
        }
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (CounterRow r : rows)
            out.computeIfAbsent(r.area(), k -> new HashMap<>()).put(r.counter(), r.value());
        return out;
    }

    private static CounterRow counterRow(SqlRow r) {
        return new CounterRow(r.string("area_code"), r.string("metric"), r.dbl("value"));
    }

    /** An area's sum of some counters over a range of days. */
    public record DaySum(String area, double value) {}

    /** Σ of some metrics over a range of days, per area (trend test counts). */
    public Map<String, Double> daySum(Collection<String> areas, LocalDate from, LocalDate to,
            Collection<String> metrics) {
        List<DaySum> rows = SqlRow.list(em.createNativeQuery("""
                SELECT area_code, sum(value) AS value FROM area_counter
                WHERE area_code = ANY(cast(:codes AS text[])) AND length(period) = 10 AND period >= :from AND period <= :to
                    AND metric = ANY(cast(:metrics AS text[]))
                GROUP BY area_code
                """).setParameter("codes", areas.toArray(String[]::new)).setParameter("from", Period.dayKey(from))
                .setParameter("to", Period.dayKey(to)).setParameter("metrics", metrics.toArray(String[]::new)),
                r -> new DaySum(r.string("area_code"), r.dbl("value")));
        Map<String, Double> out = new HashMap<>();
        for (DaySum d : rows)
            out.put(d.area(), d.value());
        return out;
    }

    /** A sibling group (parent '' = the roots) claimed for re-snapshotting in one period. */
    public record DirtyGroup(String parentCode, String period, short priority) {
        /** null for the roots. */
        public String parent() {
            return parentCode.isEmpty() ? null : parentCode;
        }
    }

    /**
     * Claims the most urgent dirty group, or null. The claim is a MATERIALIZED CTE, evaluated exactly once: as an
     * `IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)` sub-query it is up to the plan, and a plan that re-runs it per
     * outer row (each run skipping the rows the statement already deleted) drains many groups while only the
     * first returned one is scored.
     */
    public DirtyGroup claimDirty() {
        return SqlRow.first(em.createNativeQuery("""
                WITH claimed AS MATERIALIZED (
                    SELECT parent_code, period FROM dirty_group ORDER BY priority, marked_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                DELETE FROM dirty_group d USING claimed c WHERE d.parent_code = c.parent_code AND d.period = c.period
                RETURNING d.parent_code, d.period, d.priority
                """), r -> new DirtyGroup(r.string("parent_code"), r.string("period"), (short) r.integer("priority")));
    }

    /** A claimed group whose snapshot failed is marked again (unless it was re-marked meanwhile). */
    public void putBack(DirtyGroup g) {
        em.createNativeQuery("""
                INSERT INTO dirty_group (parent_code, period, priority) VALUES (:parent, :period, :priority) ON CONFLICT DO NOTHING
                """).setParameter("parent", g.parentCode()).setParameter("period", g.period())
                .setParameter("priority", g.priority()).executeUpdate();
    }

    /** Every sibling group, for these periods, at bulk priority (model activation, the daily window move). */
    public void markAllGroups(Collection<String> periods) {
        em.createNativeQuery("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT DISTINCT coalesce(a.parent_code, ''), p, cast(:priority AS smallint)
                FROM area a CROSS JOIN unnest(cast(:periods AS text[])) AS p
                ON CONFLICT DO NOTHING
                """).setParameter("priority", PRIORITY_BULK).setParameter("periods", periods.toArray(String[]::new))
                .executeUpdate();
    }
}
