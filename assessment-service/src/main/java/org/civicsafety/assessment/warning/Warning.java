package org.civicsafety.assessment.warning;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A raised warning (YELLOW_CARD, TREND_ALERT, VETO, REASSESS); its dedupe key makes raising it idempotent. */
@Entity
@Table(name = "warning")
public class Warning {
    @Id UUID id;
    String type;
    String areaCode;
    /** The area's path: a warning is found from any area above it. */
    String[] path;
    String period;
    String reason;
    UUID assessmentId;
    String dedupeKey;
    Instant raisedAt;

    protected Warning() {}
}
