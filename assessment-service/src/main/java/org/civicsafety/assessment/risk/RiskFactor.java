package org.civicsafety.assessment.risk;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A risk factor of an assessment, rated by likelihood and consequence; mitigations give its residual rating. */
@Entity
@Table(name = "risk_factor")
public class RiskFactor {
    @Id UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assessment_id") RiskAssessment assessment;
    @Enumerated(EnumType.STRING) RiskRules.Dimension dimension;
    @Enumerated(EnumType.STRING) RiskRules.Category category;
    String description;
    int likelihood;
    int consequence;
    Instant createdAt;
    @OneToMany(mappedBy = "factor", cascade = CascadeType.PERSIST)
    @OrderBy("createdAt, id") List<RiskMitigation> mitigations = new ArrayList<>();

    protected RiskFactor() {}

    RiskFactor(RiskAssessment assessment, RiskApi.FactorRequest req, Instant now) {
        this.id = UUID.randomUUID();
        this.assessment = assessment;
        this.dimension = req.dimension();
        this.category = req.category();
        this.description = req.description();
        this.likelihood = req.likelihood();
        this.consequence = req.consequence();
        this.createdAt = now;
    }
}
