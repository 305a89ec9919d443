package org.civicsafety.cases.reception;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.civicsafety.cases.workflow.Enums.DivertChannel;

/** Someone received on a reception day — a booking or a walk-in (name and phone only as ciphertext) — and the outcome. */
@Entity
@Table(name = "reception_record")
public class ReceptionRecord {

    /** What the reception led to (mediation.md): a new petition, the leader's instruction on a case, or neither. */
    public enum Outcome {
        NEW_CASE, INSTRUCTED, RESOLVED_ON_SPOT, REFERRED
    }

    @Id public UUID id;
    public UUID dayId;
    public UUID bookingId;
    public byte[] walkInEnc;
    @Enumerated(EnumType.STRING) public Outcome outcome;
    public UUID caseId;
    public String instruction;
    @Enumerated(EnumType.STRING) public DivertChannel referral;
    public String note;
    public String recordedBy;
    public OffsetDateTime recordedAt;
}
