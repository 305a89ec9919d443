package org.civicsafety.assessment.survey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An uploaded survey result of a SURVEY indicator (I9, I10) for an area and period; a re-upload replaces it. */
@Entity
@Table(name = "survey")
public class Survey {
    @Id
    UUID id;
    @Column(name = "area_code")
    String areaCode;
    String period;
    String indicator;
    double value;
    @Column(name = "sample_size")
    int sampleSize;
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;

    protected Survey() { }
}
