package org.civicsafety.cases.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Enums.CaseType;
import org.civicsafety.cases.workflow.Enums.Channel;
import org.civicsafety.cases.workflow.Enums.Decision;
import org.civicsafety.cases.workflow.Enums.DivertChannel;
import org.civicsafety.cases.workflow.Enums.Satisfaction;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The petition case, the aggregate the workflow changes (loaded, locked and saved through {@code CaseRepository});
 * personal data only as ciphertext. Version is checked explicitly under a row lock. Closed vocabularies are enums
 * stored by name, so the columns hold the same text as the wire.
 */
@Entity
@Table(name = "petition_case")
public class CaseEntity {
    @Id public UUID id;
    public String number;
    public String trackingCode;
    @Enumerated(EnumType.STRING) public Channel channel;
    @Enumerated(EnumType.STRING) public CaseType type;
    public String title;
    public String content;
    public String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_path") public String[] areaPath;
    public byte[] petitionerEnc;
    public String petitionerRef;
    /** The pseudonym key that made {@link #petitionerRef}; the re-encryption job redoes refs made with an old one. */
    public String petitionerRefKeyId;
    public int groupSize;
    public int mergedPetitioners;
    public String ownerSub;
    /** The channels (SMS, EMAIL) the petitioner chose for notices at registration; null: none chosen. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "notice_channels") public String[] noticeChannels;
    public String registeredBy;
    public String registeredRole;
    @Enumerated(EnumType.STRING) public CaseState state;
    public String unitId;
    public String unitAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "unit_area_path") public String[] unitAreaPath;
    public String reviewerAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "reviewer_area_path") public String[] reviewerAreaPath;
    public String notAcceptReason;
    @Enumerated(EnumType.STRING)
    @Column(name = "divert_channel") public DivertChannel divertChannel;
    public String declineReason;
    public boolean repeat;
    public UUID repeatOf;
    public UUID mergedInto;
    /** The mediation the case was referred to (REFER_TO_MEDIATION). */
    public UUID mediationId;
    /** The failed mediation that registered this petition (its referral PETITION). */
    public UUID sourceMediationId;
    @Enumerated(EnumType.STRING) public Decision decision;
    public String answerText;
    @Enumerated(EnumType.STRING)
    @Column(name = "answer_stage") public AnswerStage answerStage;
    @Enumerated(EnumType.STRING) public Satisfaction satisfaction;
    public OffsetDateTime registeredAt;
    public OffsetDateTime triageDueAt;
    public OffsetDateTime assignedAt;
    public OffsetDateTime acceptanceDueAt;
    public OffsetDateTime objectionDueAt;
    public OffsetDateTime acceptedAt;
    public OffsetDateTime handlingDueAt;
    public Integer extensionDays;
    public String extensionReason;
    public OffsetDateTime answeredAt;
    public OffsetDateTime answerWindowDueAt;
    public OffsetDateTime reviewRequestedAt;
    public OffsetDateTime reviewDueAt;
    public OffsetDateTime reviewAnsweredAt;
    public OffsetDateTime reviewWindowDueAt;
    public OffsetDateTime reReviewRequestedAt;
    public OffsetDateTime reReviewDueAt;
    public boolean hearing;
    public OffsetDateTime hearingStartedAt;
    public int hearingPausedDays;
    public OffsetDateTime finalizedAt;
    public boolean overdue;
    public boolean backlog;
    @Enumerated(EnumType.STRING)
    @Column(name = "backlog_reason") public BacklogReason backlogReason;
    public String backlogLeader;
    public String backlogPlan;
    public LocalDate backlogTargetDate;
    public long version;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    /** The current stage and its deadline; both null while nothing is due (a hearing nulls only the deadline). */
    public CurrentStage currentStage() {
        return Stage.of(state).map(s -> new CurrentStage(s, s.dueAt(this))).orElse(new CurrentStage(null, null));
    }

    public record CurrentStage(Stage stage, OffsetDateTime dueAt) {}
}
