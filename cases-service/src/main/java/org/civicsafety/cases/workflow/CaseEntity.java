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
    @Column(name = "tracking_code") public String trackingCode;
    @Enumerated(EnumType.STRING) public Channel channel;
    @Enumerated(EnumType.STRING) public CaseType type;
    public String title;
    public String content;
    @Column(name = "area_code") public String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) @Column(name = "area_path") public String[] areaPath;
    @Column(name = "petitioner_enc") public byte[] petitionerEnc;
    @Column(name = "petitioner_ref") public String petitionerRef;
    /** The pseudonym key that made {@link #petitionerRef}; the re-encryption job redoes refs made with an old one. */
    @Column(name = "petitioner_ref_key_id") public String petitionerRefKeyId;
    @Column(name = "group_size") public int groupSize;
    @Column(name = "merged_petitioners") public int mergedPetitioners;
    @Column(name = "owner_sub") public String ownerSub;
    @Column(name = "registered_by") public String registeredBy;
    @Column(name = "registered_role") public String registeredRole;
    @Enumerated(EnumType.STRING) public CaseState state;
    @Column(name = "unit_id") public String unitId;
    @Column(name = "unit_area_code") public String unitAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) @Column(name = "unit_area_path") public String[] unitAreaPath;
    @Column(name = "reviewer_area_code") public String reviewerAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) @Column(name = "reviewer_area_path") public String[] reviewerAreaPath;
    @Column(name = "not_accept_reason") public String notAcceptReason;
    @Enumerated(EnumType.STRING) @Column(name = "divert_channel") public DivertChannel divertChannel;
    @Column(name = "decline_reason") public String declineReason;
    public boolean repeat;
    @Column(name = "repeat_of") public UUID repeatOf;
    @Column(name = "merged_into") public UUID mergedInto;
    @Enumerated(EnumType.STRING) public Decision decision;
    @Column(name = "answer_text") public String answerText;
    @Enumerated(EnumType.STRING) @Column(name = "answer_stage") public AnswerStage answerStage;
    @Enumerated(EnumType.STRING) public Satisfaction satisfaction;
    @Column(name = "registered_at") public OffsetDateTime registeredAt;
    @Column(name = "triage_due_at") public OffsetDateTime triageDueAt;
    @Column(name = "assigned_at") public OffsetDateTime assignedAt;
    @Column(name = "acceptance_due_at") public OffsetDateTime acceptanceDueAt;
    @Column(name = "objection_due_at") public OffsetDateTime objectionDueAt;
    @Column(name = "accepted_at") public OffsetDateTime acceptedAt;
    @Column(name = "handling_due_at") public OffsetDateTime handlingDueAt;
    @Column(name = "extension_days") public Integer extensionDays;
    @Column(name = "extension_reason") public String extensionReason;
    @Column(name = "answered_at") public OffsetDateTime answeredAt;
    @Column(name = "answer_window_due_at") public OffsetDateTime answerWindowDueAt;
    @Column(name = "review_requested_at") public OffsetDateTime reviewRequestedAt;
    @Column(name = "review_due_at") public OffsetDateTime reviewDueAt;
    @Column(name = "review_answered_at") public OffsetDateTime reviewAnsweredAt;
    @Column(name = "review_window_due_at") public OffsetDateTime reviewWindowDueAt;
    @Column(name = "re_review_requested_at") public OffsetDateTime reReviewRequestedAt;
    @Column(name = "re_review_due_at") public OffsetDateTime reReviewDueAt;
    public boolean hearing;
    @Column(name = "hearing_started_at") public OffsetDateTime hearingStartedAt;
    @Column(name = "hearing_paused_days") public int hearingPausedDays;
    @Column(name = "finalized_at") public OffsetDateTime finalizedAt;
    public boolean overdue;
    public boolean backlog;
    @Enumerated(EnumType.STRING) @Column(name = "backlog_reason") public BacklogReason backlogReason;
    @Column(name = "backlog_leader") public String backlogLeader;
    @Column(name = "backlog_plan") public String backlogPlan;
    @Column(name = "backlog_target_date") public LocalDate backlogTargetDate;
    public long version;
    @Column(name = "created_at") public OffsetDateTime createdAt;
    @Column(name = "updated_at") public OffsetDateTime updatedAt;

    /** The current stage and its deadline; both null while nothing is due (a hearing nulls only the deadline). */
    public CurrentStage currentStage() {
        return Stage.of(state).map(s -> new CurrentStage(s.name(), s.dueAt(this))).orElse(new CurrentStage(null, null));
    }

    public record CurrentStage(String name, OffsetDateTime dueAt) { }
}
