package org.civicsafety.assessment.score;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Score snapshots (area_score): one row per area and period, the latest scoring of it. */
@ApplicationScoped
public class ScoreRepository {
    @Inject
    Db db;

    public record Snapshot(String period, int modelVersion, Double score, String grade, Integer rank, Integer rankOf,
                           boolean veto, Instant updatedAt) {}

    private static final String COLUMNS = "period, model_version, score, grade, rank, rank_of, veto, updated_at";

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getString(1), rs.getInt(2), rs.getObject(3) == null ? null : rs.getDouble(3), rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5), rs.getObject(6) == null ? null : rs.getInt(6),
                rs.getBoolean(7), Db.instant(rs, "updated_at"));
    }

    /** The stored snapshot, locked until the transaction ends (the snapshot job compares, then replaces it). */
    public Snapshot lock(String areaCode, String period) {
        return db.one("SELECT " + COLUMNS + " FROM area_score WHERE area_code = ? AND period = ? FOR UPDATE",
                ScoreRepository::snapshot, areaCode, period);
    }

    public void store(String areaCode, String period, int modelVersion, Scoring.AreaResult r) {
        db.update("""
                INSERT INTO area_score (area_code, period, model_version, score, grade, rank, rank_of, veto, coverage, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (area_code, period) DO UPDATE SET model_version = excluded.model_version, score = excluded.score,
                    grade = excluded.grade, rank = excluded.rank, rank_of = excluded.rank_of, veto = excluded.veto,
                    coverage = excluded.coverage, updated_at = now()
                """, areaCode, period, modelVersion, r.score(), r.grade(), r.rank(), r.rankOf(), r.veto(), r.coverage());
    }

    /** The model version a group's snapshots of a period were made with (a frozen period keeps it), or null. */
    public Integer modelVersion(String period, List<String> areaCodes) {
        return db.one("SELECT model_version FROM area_score WHERE period = ? AND area_code = ANY(?) LIMIT 1",
                rs -> rs.getInt(1), period, areaCodes.toArray(String[]::new));
    }

    /** Every calendar period's snapshot of an area, newest year first, then year, quarters, months. */
    public List<Snapshot> history(String areaCode) {
        return db.query("SELECT " + COLUMNS + " FROM area_score WHERE area_code = ? AND period <> 'running'"
                + " ORDER BY left(period, 4) DESC, length(period) ASC, period DESC", ScoreRepository::snapshot, areaCode);
    }

    /** One rising sequence for all score events: a consumer keeps the highest version per area and period. */
    public long nextEventVersion() {
        return db.one("SELECT nextval('score_event_seq')", rs -> rs.getLong(1));
    }
}
