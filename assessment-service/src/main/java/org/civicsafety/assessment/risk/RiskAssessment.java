package org.civicsafety.assessment.risk;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A social-stability risk assessment of a major decision, with its factors; its state follows {@link RiskLifecycle}. */
@Entity
@Table(name = "risk_assessment")
public class RiskAssessment {
    @Id UUID id;
    String title;
    String decisionOwner;
    String[] areaCodes;
    /** Every code on the affected areas' paths: a trend alert anywhere below them asks for reassessment. */
    String[] areaPaths;
    Double oppositionRate;
    @Enumerated(EnumType.STRING) RiskLifecycle.State state;
    @Enumerated(EnumType.STRING) RiskRules.Decision decision;
    @Enumerated(EnumType.STRING) RiskRules.Level inherentLevel;
    @Enumerated(EnumType.STRING) RiskRules.Level residualLevel;
    Instant decidedAt;
    String decidedBy;
    /** The ETag: every change (factor, mitigation, transition) counts it up. */
    int version;
    String createdBy;
    Instant createdAt;
    Instant updatedAt;
    /** Parts of the aggregate: saved with it (cascade), never on their own. */
    @OneToMany(mappedBy = "assessment", cascade = CascadeType.PERSIST)
    @OrderBy("createdAt, id") List<RiskFactor> factors = new ArrayList<>();

    protected RiskAssessment() {}

    RiskAssessment(UUID id, String title, String decisionOwner, String[] areaCodes, String[] areaPaths,
            Double oppositionRate, String createdBy, Instant now) {
        this.id = id;
        this.title = title;
        this.decisionOwner = decisionOwner;
        this.areaCodes = areaCodes;
        this.areaPaths = areaPaths;
        this.oppositionRate = oppositionRate;
        this.state = RiskLifecycle.State.DRAFT;
        this.version = 1;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    // Changes go through these methods, so that Hibernate's dirty tracking (bytecode enhancement) sees them.

    void moveTo(RiskLifecycle.State to) {
        state = to;
    }

    RiskFactor addFactor(RiskApi.FactorRequest req, Instant now) {
        RiskFactor f = new RiskFactor(this, req, now);
        factors.add(f);
        changed(now);
        return f;
    }

    void addMitigation(RiskFactor factor, RiskApi.MitigationRequest req, Instant now) {
        factor.mitigations.add(new RiskMitigation(id, factor, req, now));
        changed(now);
    }

    void recordDecision(RiskRules.Decision decision, RiskRules.Level inherent, RiskRules.Level residual, String by,
            Instant at) {
        this.decision = decision;
        this.inherentLevel = inherent;
        this.residualLevel = residual;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    void clearDecision() {
        decision = null;
        decidedAt = null;
        decidedBy = null;
    }

    void changed(Instant now) {
        version++;
        updatedAt = now;
    }
}
