package org.civicsafety.assessment.warning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Raising warnings is idempotent (dedupe key); each new warning emits warning.raised through the outbox. */
@ApplicationScoped
public class WarningService {
    public static final List<String> TYPES = List.of("YELLOW_CARD", "TREND_ALERT", "VETO", "REASSESS");

    @Inject
    Db db;
    @Inject
    Outbox outbox;

    public record Warning(UUID id, String type, String areaCode, String period, String reason, UUID assessmentId,
                          Instant raisedAt) {}

    /** @return true when the warning is new */
    public boolean raise(String type, String areaCode, String[] path, String period, String reason, UUID assessmentId,
                         String dedupeKey) {
        UUID id = UUID.randomUUID();
        int n = db.update("""
                INSERT INTO warning (id, type, area_code, path, period, reason, assessment_id, dedupe_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING
                """, id, type, areaCode, path, period, reason, assessmentId, dedupeKey);
        if (n == 0) return false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("warningId", id.toString());
        data.put("type", type);
        data.put("areaCode", areaCode);
        data.put("period", period);
        data.put("reason", reason);
        if (assessmentId != null) data.put("assessmentId", assessmentId.toString());
        outbox.write(assessmentId != null ? assessmentId.toString() : areaCode, Outbox.WARNING_RAISED, 1, data);
        return true;
    }

    /** Warnings in a subtree (areaCode matches descendants too), newest first. */
    public List<Warning> find(String areaCode, String type, String period, String scopeArea) {
        StringBuilder sql = new StringBuilder("SELECT id, type, area_code, period, reason, assessment_id, raised_at FROM warning WHERE true");
        List<Object> args = new ArrayList<>();
        if (areaCode != null) { sql.append(" AND ? = ANY(path)"); args.add(areaCode); }
        if (scopeArea != null) { sql.append(" AND ? = ANY(path)"); args.add(scopeArea); }
        if (type != null) { sql.append(" AND type = ?"); args.add(type); }
        if (period != null) { sql.append(" AND period = ?"); args.add(period); }
        sql.append(" ORDER BY raised_at DESC, id LIMIT 5000");
        return db.query(sql.toString(), rs -> new Warning(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), Db.instant(rs, "raised_at")), args.toArray());
    }

    /** Types of warnings per area for one period (to show in score lists). */
    public Map<String, List<String>> typesFor(List<String> areaCodes, String period) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        db.query("SELECT DISTINCT area_code, type FROM warning WHERE area_code = ANY(?) AND period = ? ORDER BY 1, 2",
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)),
                areaCodes.toArray(String[]::new), period);
        return out;
    }
}
