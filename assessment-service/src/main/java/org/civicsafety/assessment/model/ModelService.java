package org.civicsafety.assessment.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.common.Problem;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.period.Calendar;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Versioned scoring models: versions are immutable once stored, exactly one is active. */
@ApplicationScoped
public class ModelService {
    @Inject
    Db db;
    @Inject
    ObjectMapper mapper;
    @Inject
    Calendar calendar;
    @Inject
    CounterRepository counters;

    /** Stored versions never change, so parsed models can be cached by version. */
    private final Map<Integer, ScoringModel> cache = new ConcurrentHashMap<>();

    public record ModelView(int version, boolean active, String createdBy, Instant createdAt, Instant activatedAt,
                            ScoringModel model) {}

    public ScoringModel active() {
        Integer v = db.one("SELECT version FROM scoring_model WHERE active", rs -> rs.getInt(1));
        if (v == null) throw new IllegalStateException("no active scoring model");
        return get(v);
    }

    public ScoringModel get(int version) {
        return cache.computeIfAbsent(version, v -> {
            String body = db.one("SELECT body::text FROM scoring_model WHERE version = ?", rs -> rs.getString(1), v);
            if (body == null) return null;
            return parse(body, v);
        });
    }

    private ScoringModel parse(String body, int version) {
        try {
            ScoringModel m = mapper.readValue(body, ScoringModel.class);
            return withVersion(m, version);
        } catch (Exception e) {
            throw new IllegalStateException("stored scoring model " + version + " is unreadable", e);
        }
    }

    static ScoringModel withVersion(ScoringModel m, int version) {
        return new ScoringModel(version, m.indicators(), m.severityWeights(), m.smoothingM(), m.minDenominator(),
                m.minCoverage(), m.i1(), m.penalties(), m.veto(), m.grades(), m.yellowCard(), m.trend());
    }

    public List<ModelView> list() {
        return db.query("SELECT version, active, created_by, created_at, activated_at FROM scoring_model ORDER BY version DESC",
                rs -> new ModelView(rs.getInt(1), rs.getBoolean(2), rs.getString(3), Db.instant(rs, "created_at"),
                        Db.instant(rs, "activated_at"), get(rs.getInt(1))));
    }

    public ModelView view(int version) {
        return list().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("Unknown scoring model version " + version));
    }

    /** Stores a new (inactive) version; 400 listing every problem of the model. */
    public ModelView create(ScoringModel body, String by) {
        if (body == null) throw ApiException.badRequest("body", "is required");
        List<String[]> problems = body.problems();
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems.stream().map(p -> new Problem.FieldError(p[0], p[1])).toList());
        }
        db.update("LOCK TABLE scoring_model IN SHARE ROW EXCLUSIVE MODE");
        int version = db.one("SELECT coalesce(max(version), 0) + 1 FROM scoring_model", rs -> rs.getInt(1));
        ScoringModel m = withVersion(body, version);
        try {
            db.update("INSERT INTO scoring_model (version, body, created_by) VALUES (?, ?, ?)", version,
                    new Db.Json(mapper.writeValueAsString(m)), by);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return view(version);
    }

    /** Makes a version the active one and marks every sibling group's open periods for recomputation. */
    public ModelView activate(int version) {
        if (get(version) == null) throw ApiException.notFound("Unknown scoring model version " + version);
        db.update("UPDATE scoring_model SET active = false WHERE active AND version <> ?", version);
        db.update("UPDATE scoring_model SET active = true, activated_at = now() WHERE version = ? AND NOT active", version);
        counters.markAllGroups(calendar.openPeriodKeys());
        return view(version);
    }
}
