package org.civicsafety.assessment.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A stored version of the scoring model: its body (a {@link ScoringModel} as JSON) never changes, at most one is active. */
@Entity
@Table(name = "scoring_model")
public class ModelVersion {
    @Id int version;
    @JdbcTypeCode(SqlTypes.JSON) String body;
    boolean active;
    String createdBy;
    Instant createdAt;
    Instant activatedAt;

    protected ModelVersion() {}

    ModelVersion(int version, String body, String createdBy) {
        this.version = version;
        this.body = body;
        this.createdBy = createdBy;
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void deactivate() {
        active = false;
    }

    void activate() {
        active = true;
        activatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
