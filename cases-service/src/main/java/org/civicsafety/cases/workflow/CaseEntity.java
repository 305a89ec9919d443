package org.civicsafety.cases.casefile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A petition case row; personal data only as ciphertext. Version is checked explicitly under a row lock. */
@Entity
@Table(name = "petition_case")
public class CaseEntity {
    @Id public UUID id;
    public String number;
    @Column(name = "tracking_code") public String trackingCode;
    public String channel;
    public String type;
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
    public String state;
    @Column(name = "unit_id") public String unitId;
    @Column(name = "unit_area_code") public String unitAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) @Column(name = "unit_area_path") public String[] unitAreaPath;
    @Column(name = "reviewer_area_code") public String reviewerAreaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) @Column(name = "reviewer_area_path") public String[] reviewerAreaPath;
    @Column(name = "not_accept_reason") public String notAcceptReason;
    @Column(name = "divert_channel") public String divertChannel;
    @Column(name = "decline_reason") public String declineReason;
    public boolean repeat;
    @Column(name = "repeat_of") public UUID repeatOf;
    @Column(name = "merged_into") public UUID mergedInto;
    public String decision;
    @Column(name = "answer_text") public String answerText;
    @Column(name = "answer_stage") public String answerStage;
    public String satisfaction;
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
    @Column(name = "backlog_reason") public String backlogReason;
    @Column(name = "backlog_leader") public String backlogLeader;
    @Column(name = "backlog_plan") public String backlogPlan;
    @Column(name = "backlog_target_date") public LocalDate backlogTargetDate;
    public long version;
    @Column(name = "created_at") public OffsetDateTime createdAt;
    @Column(name = "updated_at") public OffsetDateTime updatedAt;

    /** The deadline of the current stage and its name; null while nothing is due (or a hearing pauses it). */
    public Stage currentStage() {
        return switch (org.civicsafety.cases.workflow.CaseState.valueOf(state)) {
            case REGISTERED -> new Stage("TRIAGE", triageDueAt);
            case ASSIGNED -> new Stage("ACCEPTANCE", acceptanceDueAt);
            case IN_HANDLING -> new Stage("HANDLING", handlingDueAt);
            case ANSWERED -> new Stage("ANSWER_WINDOW", answerWindowDueAt);
            case IN_REVIEW -> new Stage("REVIEW", reviewDueAt);
            case REVIEW_ANSWERED -> new Stage("REVIEW_WINDOW", reviewWindowDueAt);
            case IN_RE_REVIEW -> new Stage("RE_REVIEW", hearing ? null : reReviewDueAt);
            default -> new Stage(null, null);
        };
    }

    public record Stage(String name, OffsetDateTime dueAt) { }
}
