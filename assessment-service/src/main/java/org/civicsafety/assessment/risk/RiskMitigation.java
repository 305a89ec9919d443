package org.civicsafety.assessment.risk;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A measure against a factor; the latest one sets the factor's residual likelihood and consequence. */
@Entity
@Table(name = "risk_mitigation")
public class RiskMitigation {
    @Id UUID id;
    UUID assessmentId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "factor_id") RiskFactor factor;
    String measure;
    String owner;
    LocalDate deadline;
    int residualLikelihood;
    int residualConsequence;
    Instant createdAt;

    protected RiskMitigation() {}

    RiskMitigation(UUID assessmentId, RiskFactor factor, RiskApi.MitigationRequest req, Instant now) {
        this.id = UUID.randomUUID();
        this.assessmentId = assessmentId;
        this.factor = factor;
        this.measure = req.measure();
        this.owner = req.owner();
        this.deadline = req.deadline();
        this.residualLikelihood = req.residualLikelihood();
        this.residualConsequence = req.residualConsequence();
        this.createdAt = now;
    }
}
