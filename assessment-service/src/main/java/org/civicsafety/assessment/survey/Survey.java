package org.civicsafety.assessment.survey;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An uploaded survey result of a SURVEY indicator (I9, I10) for an area and period; a re-upload replaces it. */
@Entity
@Table(name = "survey")
public class Survey {
    @Id UUID id;
    String areaCode;
    String period;
    String indicator;
    double value;
    int sampleSize;
    String createdBy;
    Instant createdAt;

    protected Survey() {}
}
