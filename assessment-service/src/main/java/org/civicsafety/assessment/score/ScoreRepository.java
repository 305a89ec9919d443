package org.civicsafety.assessment.score;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.civicsafety.assessment.common.SqlRow;

import java.time.Instant;
import java.util.List;

/**
 * Score snapshots (area_score): one row per area and period, the latest scoring of it. Not an aggregate but a
 * cache of derived values the snapshot job replaces wholesale, so it is read and written with SQL (native queries
 * in the ORM session): a locking read, an upsert that concurrent snapshotters of a group cannot trip over, a
 * sequence.
 */
@ApplicationScoped
public class ScoreRepository {
    @Inject EntityManager em;

    public record Snapshot(String period, int modelVersion, Double score, String grade, Integer rank, Integer rankOf,
            boolean veto, Instant updatedAt) {}

    private static final String COLUMNS = "period, model_version, score, grade, rank, rank_of, veto, updated_at";

    private static Snapshot snapshot(SqlRow r) {
        return new Snapshot(r.string("period"), r.integer("model_version"), r.nullableDouble("score"),
                r.string("grade"),
                r.nullableInt("rank"), r.nullableInt("rank_of"), r.bool("veto"), r.instant("updated_at"));
    }

    /** The stored snapshot, locked until the transaction ends (the snapshot job compares, then replaces it). */
    public Snapshot lock(String areaCode, String period) {
        return SqlRow.first(em
                .createNativeQuery("SELECT " + COLUMNS
                        + " FROM area_score WHERE area_code = :area AND period = :period FOR UPDATE")
                .setParameter("area", areaCode).setParameter("period", period), ScoreRepository::snapshot);
    }

    public void store(String areaCode, String period, int modelVersion, Scoring.AreaResult r) {
        em.createNativeQuery("""
                INSERT INTO area_score (area_code, period, model_version, score, grade, rank, rank_of, veto, coverage, updated_at)
                VALUES (:area, :period, :model, cast(:score AS float8), cast(:grade AS text), cast(:rank AS integer),
                    cast(:rankOf AS integer), :veto, :coverage, now())
                ON CONFLICT (area_code, period) DO UPDATE SET model_version = excluded.model_version, score = excluded.score,
                    grade = excluded.grade, rank = excluded.rank, rank_of = excluded.rank_of, veto = excluded.veto,
                    coverage = excluded.coverage, updated_at = now()
                """).setParameter("area", areaCode).setParameter("period", period).setParameter("model", modelVersion)
                .setParameter("score", r.score()).setParameter("grade", r.grade()).setParameter("rank", r.rank())
                .setParameter("rankOf", r.rankOf()).setParameter("veto", r.veto())
                .setParameter("coverage", r.coverage())
                .executeUpdate();
    }

    /** The model version a group's snapshots of a period were made with (a frozen period keeps it), or null. */
    @SuppressWarnings("unchecked")
    public Integer modelVersion(String period, List<String> areaCodes) {
        List<Integer> versions = em.createNativeQuery("""
                SELECT model_version FROM area_score WHERE period = :period AND area_code = ANY(cast(:codes AS text[])) LIMIT 1
                """, Integer.class).setParameter("period", period)
                .setParameter("codes", areaCodes.toArray(String[]::new))
                .getResultList();
        return versions.isEmpty() ? null : versions.get(0);
    }

    /** Every calendar period's snapshot of an area, newest year first, then year, quarters, months. */
    public List<Snapshot> history(String areaCode) {
        return SqlRow.list(
                em.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM area_score WHERE area_code = :area AND period <> 'running'"
                                + " ORDER BY left(period, 4) DESC, length(period) ASC, period DESC")
                        .setParameter("area", areaCode),
                ScoreRepository::snapshot);
    }

    /** One rising sequence for all score events: a consumer keeps the highest version per area and period. */
    public long nextEventVersion() {
        return (Long) em.createNativeQuery("SELECT nextval('score_event_seq')", Long.class).getSingleResult();
    }
}
