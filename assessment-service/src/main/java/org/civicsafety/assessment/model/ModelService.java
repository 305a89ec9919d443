package org.civicsafety.assessment.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.period.Calendar;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Versioned scoring models: versions are immutable once stored, exactly one is active. */
@ApplicationScoped
public class ModelService {
    @Inject ModelRepository stored;
    @Inject ObjectMapper mapper;
    @Inject Calendar calendar;
    @Inject CounterRepository counters;

    /** Stored versions never change, so parsed models can be cached by version. */
    private final Map<Integer, ScoringModel> cache = new ConcurrentHashMap<>();

    @Schema(name = "ScoringModelVersion", description = "A stored version of the scoring model")
    public record ModelView(int version, @Schema(description = "exactly one version is active") boolean active,
            String createdBy, Instant createdAt,
            @Schema(type = SchemaType.STRING, format = "date-time", nullable = true, description = "null while never activated") Instant activatedAt,
            ScoringModel model) {}

    public ScoringModel active() {
        ModelVersion v = stored.active().orElseThrow(() -> new IllegalStateException("no active scoring model"));
        return get(v.version);
    }

    public ScoringModel get(int version) {
        return cache.computeIfAbsent(version, v -> {
            ModelVersion m = stored.findById(v);
            return m == null ? null : parse(m.body, v);
        });
    }

    private ScoringModel parse(String body, int version) {
        try {
            ScoringModel m = mapper.readValue(body, ScoringModel.class);
            return withVersion(m, version).withEveryIndicator();
        } catch (Exception e) {
            throw new IllegalStateException("stored scoring model " + version + " is unreadable", e);
        }
    }

    static ScoringModel withVersion(ScoringModel m, int version) {
        return new ScoringModel(version, m.indicators(), m.severityWeights(), m.smoothingM(), m.minDenominator(),
                m.minCoverage(), m.i1(), m.penalties(), m.veto(), m.grades(), m.yellowCard(), m.trend());
    }

    public List<ModelView> list() {
        return stored.listAll(Sort.descending("version")).stream().map(this::view).toList();
    }

    public ModelView view(int version) {
        ModelVersion m = stored.findById(version);
        if (m == null)
            throw ApiException.notFound("Unknown scoring model version " + version);
        return view(m);
    }

    private ModelView view(ModelVersion m) {
        return new ModelView(m.version, m.active, m.createdBy, m.createdAt, m.activatedAt, get(m.version));
    }

    /** Stores a new (inactive) version; 400 listing every problem of the model. */
    public ModelView create(ScoringModel body, String by) {
        if (body == null)
            throw ApiException.badRequest("body", FieldMessage.Key.REQUIRED);
        List<FieldMessage> problems = body.problems();
        if (!problems.isEmpty())
            throw ApiException.badRequest(problems);
        int version = stored.lockNextVersion();
        ScoringModel m = withVersion(body, version);
        try {
            stored.persist(new ModelVersion(version, mapper.writeValueAsString(m), by));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return view(version);
    }

    /** Makes a version the active one and marks every sibling group's open periods for recomputation. */
    public ModelView activate(int version) {
        ModelVersion target = stored.findById(version);
        if (target == null)
            throw ApiException.notFound("Unknown scoring model version " + version);
        if (!target.active) {
            stored.active().ifPresent(ModelVersion::deactivate);
            stored.flush(); // one active version at a time (unique index): the old one goes first
            target.activate();
        }
        counters.markAllGroups(calendar.openPeriodKeys());
        return view(target);
    }
}
