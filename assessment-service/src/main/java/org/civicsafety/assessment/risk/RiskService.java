package org.civicsafety.assessment.risk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.outbox.Outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class RiskService {
    @Inject RiskRepository assessments;
    @Inject AreaRepository areas;
    @Inject Outbox outbox;

    public RiskApi.Assessment create(RiskApi.CreateRequest req, Caller caller) {
        List<FieldMessage> errors = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        List<String> codes = req.areaCodes().stream().distinct().toList();
        for (int i = 0; i < codes.size(); i++) {
            Area a = areas.byCode(codes.get(i));
            if (a == null || !caller.sees(a.path()))
                errors.add(FieldMessage.of("areaCodes[" + i + "]", FieldMessage.Key.UNKNOWN_AREA));
            else
                paths.addAll(Arrays.asList(a.path()));
        }
        if (!errors.isEmpty())
            throw ApiException.badRequest(errors);
        RiskAssessment a = new RiskAssessment(UUID.randomUUID(), req.title(), req.decisionOwner(),
                codes.toArray(String[]::new), paths.toArray(String[]::new), req.oppositionRate(), caller.subject(),
                now());
        assessments.persist(a);
        return render(a);
    }

    /** 404 when unknown or when none of its areas is in the caller's scope. */
    RiskAssessment assessment(UUID id, Caller caller, boolean lock) {
        RiskAssessment a = assessments.byId(id, lock);
        if (a == null)
            throw ApiException.notFound("Unknown risk assessment " + id);
        if (!caller.isAdmin()) {
            boolean visible = false;
            for (String code : a.areaCodes) {
                Area area = areas.byCode(code);
                if (area != null && caller.sees(area.path()))
                    visible = true;
            }
            if (!visible)
                throw ApiException.notFound("Unknown risk assessment " + id);
        }
        return a;
    }

    public RiskApi.Assessment view(UUID id, Caller caller) {
        return render(assessment(id, caller, false));
    }

    public RiskApi.Assessment addFactor(UUID id, RiskApi.FactorRequest req, Caller caller) {
        RiskAssessment a = assessment(id, caller, true);
        requireDraft(a, "add factors");
        a.addFactor(req, now());
        return render(a);
    }

    public RiskApi.Assessment addMitigation(UUID id, RiskApi.MitigationRequest req, Caller caller) {
        RiskAssessment a = assessment(id, caller, true);
        requireDraft(a, "add mitigations");
        RiskFactor f = a.factors.stream().filter(x -> x.id.equals(req.factorId())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("factorId", FieldMessage.Key.RISK_NOT_A_FACTOR));
        a.addMitigation(f, req, now());
        return render(a);
    }

    /** Looks the transition up in {@link RiskLifecycle#TABLE}, checks it, applies it and emits its events. */
    public RiskApi.Assessment transition(UUID id, RiskApi.Action action, Integer ifMatch, Caller caller) {
        RiskAssessment a = assessment(id, caller, true);
        if (ifMatch != null && ifMatch != a.version)
            throw ApiException.preconditionFailed(
                    "The assessment changed (version " + a.version + "); reload and retry");
        RiskLifecycle.Transition t = RiskLifecycle.find(a.state, action)
                .orElseThrow(() -> ApiException.illegalTransition(
                        action + " is not allowed in state " + a.state + "; allowed: "
                                + RiskLifecycle.allowed(a.state)));
        caller.require(t.roles());
        RiskApi.Assessment current = render(a);
        RiskLifecycle.Context c = new RiskLifecycle.Context(a, new RiskLifecycle.Evaluation(current.factors().size(),
                current.inherentLevel(), current.residualLevel(), current.impliedDecision()), caller.subject(), now());
        if (!t.guard().holds().test(c))
            throw ApiException.illegalTransition(t.guard().failure());
        for (RiskLifecycle.Event e : RiskLifecycle.apply(t, c))
            outbox.write(id.toString(), e.type(), a.version, e.data());
        return render(a);
    }

    private void requireDraft(RiskAssessment a, String what) {
        if (!a.state.editable())
            throw ApiException.illegalTransition(
                    "Cannot " + what + " in state " + a.state + "; allowed: " + RiskLifecycle.allowed(a.state));
    }

    /** Timestamps as the database keeps them (microseconds), so a response shows what a later GET shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private RiskApi.Assessment render(RiskAssessment a) {
        List<RiskApi.Factor> factors = new ArrayList<>();
        for (RiskFactor f : a.factors) {
            List<RiskApi.Mitigation> ms = f.mitigations.stream()
                    .map(m -> new RiskApi.Mitigation(m.id, m.measure, m.owner,
                            m.deadline, m.residualLikelihood, m.residualConsequence,
                            RiskRules.factorLevel(m.residualLikelihood, m.residualConsequence), m.createdAt))
                    .toList();
            // The latest mitigation sets the residual values; without one the factor keeps its own L and C.
            int rl = ms.isEmpty() ? f.likelihood : ms.get(ms.size() - 1).residualLikelihood();
            int rc = ms.isEmpty() ? f.consequence : ms.get(ms.size() - 1).residualConsequence();
            factors.add(new RiskApi.Factor(f.id, f.dimension, f.category, f.description, f.likelihood, f.consequence,
                    RiskRules.factorLevel(f.likelihood, f.consequence), rl, rc, RiskRules.factorLevel(rl, rc), ms));
        }
        List<RiskRules.Rated> inherent = new ArrayList<>(), residual = new ArrayList<>();
        for (RiskApi.Factor f : factors) {
            inherent.add(new RiskRules.Rated(f.description(), f.dimension(), f.likelihood(), f.consequence()));
            residual.add(new RiskRules.Rated(f.description(), f.dimension(), f.residualLikelihood(),
                    f.residualConsequence()));
        }
        RiskRules.Overall in = RiskRules.overall(inherent, a.oppositionRate);
        RiskRules.Overall res = RiskRules.overall(residual, a.oppositionRate);
        RiskRules.DecisionResult d = RiskRules.decide(res.level(), residual);
        List<String> conditions = d.decision() == RiskRules.Decision.PROCEED
                ? factors.stream().flatMap(f -> f.mitigations().stream())
                        .map(m -> m.measure() + " (" + m.owner() + ", by " + m.deadline() + ")").toList()
                : List.of();
        return new RiskApi.Assessment(a.id, a.title, a.decisionOwner, Arrays.asList(a.areaCodes), a.oppositionRate,
                a.state,
                a.version, factors, in.level(), res.level(), d.decision(), a.decision, a.decidedAt, conditions,
                new RiskApi.Explanation(in.reasons(), res.reasons(), d.legalityGate(), d.reason()),
                RiskLifecycle.allowed(a.state), a.createdBy, a.createdAt);
    }
}
