package org.civicsafety.assessment.risk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.common.Problem;
import org.civicsafety.assessment.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class RiskService {
    @Inject
    Db db;
    @Inject
    AreaRepository areas;
    @Inject
    Outbox outbox;

    record Head(UUID id, String title, String owner, String[] areaCodes, String[] paths, Double opposition, String state,
                String decision, Instant decidedAt, int version, String createdBy, Instant createdAt) {}

    public RiskApi.Assessment create(RiskApi.CreateRequest req, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        List<String> codes = req.areaCodes().stream().distinct().toList();
        for (int i = 0; i < codes.size(); i++) {
            Area a = areas.find(codes.get(i));
            if (a == null || !caller.sees(a.path())) errors.add(new Problem.FieldError("areaCodes[" + i + "]", "unknown area"));
            else paths.addAll(Arrays.asList(a.path()));
        }
        if (!errors.isEmpty()) throw ApiException.badRequest(errors);
        UUID id = UUID.randomUUID();
        db.update("""
                INSERT INTO risk_assessment (id, title, decision_owner, area_codes, area_paths, opposition_rate, state, created_by)
                VALUES (?, ?, ?, ?, ?, ?, 'DRAFT', ?)
                """, id, req.title(), req.decisionOwner(), codes.toArray(String[]::new), paths.toArray(String[]::new),
                req.oppositionRate(), caller.subject());
        return view(id, caller);
    }

    /** 404 when unknown or when none of its areas is in the caller's scope. */
    Head head(UUID id, Caller caller, boolean lock) {
        Head h = db.one("SELECT * FROM risk_assessment WHERE id = ?" + (lock ? " FOR UPDATE" : ""), rs -> new Head(
                rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("decision_owner"),
                Db.strings(rs, "area_codes"), Db.strings(rs, "area_paths"),
                rs.getObject("opposition_rate") == null ? null : rs.getDouble("opposition_rate"), rs.getString("state"),
                rs.getString("decision"), Db.instant(rs, "decided_at"), rs.getInt("version"), rs.getString("created_by"),
                Db.instant(rs, "created_at")), id);
        if (h == null) throw ApiException.notFound("Unknown risk assessment " + id);
        if (!caller.isAdmin()) {
            boolean visible = false;
            for (String code : h.areaCodes()) {
                Area a = areas.find(code);
                if (a != null && caller.sees(a.path())) visible = true;
            }
            if (!visible) throw ApiException.notFound("Unknown risk assessment " + id);
        }
        return h;
    }

    public RiskApi.Assessment view(UUID id, Caller caller) {
        return render(head(id, caller, false));
    }

    public RiskApi.Assessment addFactor(UUID id, RiskApi.FactorRequest req, Caller caller) {
        Head h = head(id, caller, true);
        requireDraft(h, "add factors");
        db.update("""
                INSERT INTO risk_factor (id, assessment_id, dimension, category, description, likelihood, consequence)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, UUID.randomUUID(), id, req.dimension().name(), req.category().name(), req.description(),
                req.likelihood(), req.consequence());
        bump(id);
        return view(id, caller);
    }

    public RiskApi.Assessment addMitigation(UUID id, RiskApi.MitigationRequest req, Caller caller) {
        Head h = head(id, caller, true);
        requireDraft(h, "add mitigations");
        Integer exists = db.one("SELECT 1 FROM risk_factor WHERE id = ? AND assessment_id = ?", rs -> 1, req.factorId(), id);
        if (exists == null) throw ApiException.badRequest("factorId", "is not a factor of this assessment");
        db.update("""
                INSERT INTO risk_mitigation (id, assessment_id, factor_id, measure, owner, deadline, residual_likelihood, residual_consequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, UUID.randomUUID(), id, req.factorId(), req.measure(), req.owner(), req.deadline(),
                req.residualLikelihood(), req.residualConsequence());
        bump(id);
        return view(id, caller);
    }

    public RiskApi.Assessment transition(UUID id, RiskApi.Action action, Integer ifMatch, Caller caller) {
        Head h = head(id, caller, true);
        if (ifMatch != null && ifMatch != h.version())
            throw ApiException.preconditionFailed(
                    "The assessment changed (version " + h.version() + "); reload and retry");
        List<RiskApi.Action> allowed = allowed(h.state());
        if (!allowed.contains(action)) {
            throw ApiException.illegalTransition(
                    action + " is not allowed in state " + h.state() + "; allowed: " + allowed);
        }
        RiskApi.Assessment current = render(h);
        switch (action) {
            case DECIDE -> {
                if (current.factors().isEmpty())
                    throw ApiException.illegalTransition("Add at least one factor before DECIDE");
                db.update("""
                        UPDATE risk_assessment SET state = 'DECIDED', decision = ?, inherent_level = ?, residual_level = ?,
                            decided_at = now(), decided_by = ?, version = version + 1, updated_at = now() WHERE id = ?
                        """, current.impliedDecision().name(), current.inherentLevel().name(), current.residualLevel().name(),
                        caller.subject(), id);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("assessmentId", id.toString());
                data.put("inherentLevel", current.inherentLevel().name());
                data.put("residualLevel", current.residualLevel().name());
                data.put("decision", current.impliedDecision().name());
                data.put("areaCodes", Arrays.asList(h.areaCodes()));
                outbox.write(id.toString(), Outbox.RISK_DECIDED, h.version() + 1L, data);
            }
            case REOPEN -> db.update("""
                    UPDATE risk_assessment SET state = 'DRAFT', decision = NULL, decided_at = NULL, decided_by = NULL,
                        version = version + 1, updated_at = now() WHERE id = ?
                    """, id);
            case WITHDRAW -> db.update("UPDATE risk_assessment SET state = 'WITHDRAWN', version = version + 1, updated_at = now() WHERE id = ?", id);
        }
        return view(id, caller);
    }

    static List<RiskApi.Action> allowed(String state) {
        return switch (state) {
            case "DRAFT" -> List.of(RiskApi.Action.DECIDE, RiskApi.Action.WITHDRAW);
            case "DECIDED" -> List.of(RiskApi.Action.REOPEN);
            default -> List.of();
        };
    }

    private void requireDraft(Head h, String what) {
        if (!"DRAFT".equals(h.state()))
            throw ApiException.illegalTransition(
                    "Cannot " + what + " in state " + h.state() + "; allowed: " + allowed(h.state()));
    }

    private void bump(UUID id) {
        db.update("UPDATE risk_assessment SET version = version + 1, updated_at = now() WHERE id = ?", id);
    }

    private RiskApi.Assessment render(Head h) {
        Map<UUID, List<RiskApi.Mitigation>> mits = new LinkedHashMap<>();
        db.query("SELECT * FROM risk_mitigation WHERE assessment_id = ? ORDER BY created_at, id", rs -> mits
                .computeIfAbsent(rs.getObject("factor_id", UUID.class), k -> new ArrayList<>())
                .add(new RiskApi.Mitigation(rs.getObject("id", UUID.class), rs.getString("measure"), rs.getString("owner"),
                        rs.getObject("deadline", LocalDate.class), rs.getInt("residual_likelihood"),
                        rs.getInt("residual_consequence"),
                        RiskRules.factorLevel(rs.getInt("residual_likelihood"), rs.getInt("residual_consequence")),
                        Db.instant(rs, "created_at"))), h.id());
        List<RiskApi.Factor> factors = db.query("SELECT * FROM risk_factor WHERE assessment_id = ? ORDER BY created_at, id", rs -> {
            UUID fid = rs.getObject("id", UUID.class);
            int l = rs.getInt("likelihood"), c = rs.getInt("consequence");
            List<RiskApi.Mitigation> ms = mits.getOrDefault(fid, List.of());
            // The latest mitigation sets the residual values; without one the factor keeps its own L and C.
            int rl = ms.isEmpty() ? l : ms.get(ms.size() - 1).residualLikelihood();
            int rc = ms.isEmpty() ? c : ms.get(ms.size() - 1).residualConsequence();
            return new RiskApi.Factor(fid, RiskRules.Dimension.valueOf(rs.getString("dimension")),
                    RiskRules.Category.valueOf(rs.getString("category")), rs.getString("description"), l, c,
                    RiskRules.factorLevel(l, c), rl, rc, RiskRules.factorLevel(rl, rc), ms);
        }, h.id());
        List<RiskRules.Rated> inherent = new ArrayList<>(), residual = new ArrayList<>();
        for (RiskApi.Factor f : factors) {
            inherent.add(new RiskRules.Rated(f.description(), f.dimension(), f.likelihood(), f.consequence()));
            residual.add(new RiskRules.Rated(f.description(), f.dimension(), f.residualLikelihood(), f.residualConsequence()));
        }
        RiskRules.Overall in = RiskRules.overall(inherent, h.opposition());
        RiskRules.Overall res = RiskRules.overall(residual, h.opposition());
        RiskRules.DecisionResult d = RiskRules.decide(res.level(), residual);
        List<String> conditions = d.decision() == RiskRules.Decision.PROCEED
                ? factors.stream().flatMap(f -> f.mitigations().stream())
                        .map(m -> m.measure() + " (" + m.owner() + ", by " + m.deadline() + ")").toList()
                : List.of();
        return new RiskApi.Assessment(h.id(), h.title(), h.owner(), Arrays.asList(h.areaCodes()), h.opposition(), h.state(),
                h.version(), factors, in.level(), res.level(), d.decision(),
                h.decision() == null ? null : RiskRules.Decision.valueOf(h.decision()), h.decidedAt(), conditions,
                new RiskApi.Explanation(in.reasons(), res.reasons(), d.legalityGate(), d.reason()),
                allowed(h.state()), h.createdBy(), h.createdAt());
    }
}
