package org.civicsafety.cases.mediation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.dispute.MediationType;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.dispute.Sector;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A dispute mediation, the aggregate {@link MediationTable} changes (loaded, locked and saved through
 * {@code MediationRepository}). The parties' personal data and the sessions (their attendees and notes) are only
 * ciphertext ({@code partiesEnc}, {@code sessionsEnc}); what the workflow needs of the parties and obligations
 * (roles, consents, tracking codes, statuses) is plain JSON. Version is checked explicitly under a row lock.
 */
@Entity
@Table(name = "mediation")
public class MediationEntity {

    /** A party as the workflow sees it: no personal data. */
    public record Party(UUID id, PartyRole role, String trackingCode, boolean consented) {}

    public enum ObligationStatus {
        PENDING, FULFILLED, PARTIAL, BREACHED
    }

    /** What a party undertook in the agreement, and what the last follow-up found. */
    public record Obligation(UUID id, UUID partyId, String content, String dueDate, ObligationStatus status) {}

    @Id public UUID id;
    public String number;
    @Enumerated(EnumType.STRING) public MediationType type;
    @Enumerated(EnumType.STRING) public Sector sector;
    public String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_path") public String[] areaPath;
    /** The level of {@code areaCode}: COUNTY, TOWNSHIP, VILLAGE or GRID. */
    public String level;
    public String summary;
    public String disputeCategory;
    public BigDecimal amountInDispute;
    @JdbcTypeCode(SqlTypes.JSON) public List<Party> parties;
    /** The parties' names, phones, ID numbers and addresses ({@code PartyData}), encrypted. */
    public byte[] partiesEnc;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tracking_codes") public String[] trackingCodes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "mediator_ids") public UUID[] mediatorIds;
    public UUID sourceIncidentId;
    public UUID sourceCaseId;
    public String referralNote;
    @Enumerated(EnumType.STRING) public MediationState state;
    @Enumerated(EnumType.STRING) public Outcome outcome;
    @Enumerated(EnumType.STRING) public Referral referral;
    /** The petition a failure with referral PETITION registered. */
    public UUID referredCaseId;
    /** Why it ended without agreement (refusal, failure, withdrawal), or why it was reopened. */
    public String conclusionReason;
    public String openedBy;
    public String openedRole;
    public OffsetDateTime openedAt;
    public OffsetDateTime inMediationAt;
    public OffsetDateTime dueAt;
    public Integer extensionDays;
    public String extensionReason;
    public boolean overdue;
    public Boolean agreementWritten;
    public String terms;
    @JdbcTypeCode(SqlTypes.JSON) public List<Obligation> obligations;
    public OffsetDateTime agreedAt;
    public String judicialCourt;
    public LocalDate judicialConfirmedOn;
    public OffsetDateTime concludedAt;
    public Integer durationDays;
    public String followUpNote;
    public OffsetDateTime followedUpAt;
    /** The sessions ({@code Sessions}), encrypted: attendees are people. */
    public byte[] sessionsEnc;
    public int sessionCount;
    public long version;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    public Party party(UUID partyId) {
        return parties.stream().filter(p -> p.id().equals(partyId)).findFirst().orElse(null);
    }

    public boolean everyPartyConsented() {
        return parties.stream().allMatch(Party::consented);
    }
}
