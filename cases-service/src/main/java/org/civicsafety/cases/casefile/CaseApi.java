package org.civicsafety.cases.casefile;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.notice.Channel;
import org.civicsafety.cases.workflow.Action;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Stage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the cases API. */
public final class CaseApi {
    private CaseApi() {}

    public record PetitionerBody(
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "^\\+?[0-9][0-9 -]{4,19}$", message = "{not-a-phone-number}") String phone,
            @Pattern(regexp = "^[0-9]{17}[0-9Xx]$", message = "{not-an-id-number}") String idNumber,
            @Size(max = 300) String address,
            @Schema(description = "Where notices may be e-mailed") @Email(message = "{not-an-email-address}") @Size(max = 254) String email) {}

    public record RepresentativeBody(
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "^\\+?[0-9][0-9 -]{4,19}$", message = "{not-a-phone-number}") String phone) {}

    public record CreateCase(
            @NotNull Enums.Channel channel,
            @NotNull Enums.CaseType type,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 10000) String content,
            @NotBlank @Size(max = 64) String areaCode,
            @NotNull @Valid PetitionerBody petitioner,
            @Min(1) @Max(1_000_000) Integer groupSize,
            @Size(max = 5, message = "{case.too-many-representatives}") List<@Valid @NotNull RepresentativeBody> representatives,
            @Size(max = 128) String petitionerUserId,
            @Schema(description = "How the petitioner wants to be told besides the inbox (notices.md): SMS and/or EMAIL "
                    + "(WEBHOOK is a unit's channel, a 400 here); without it, by SMS when a phone is given — a misconduct report's reporter only through channels chosen here") @Size(max = 2) List<@NotNull Channel> noticeChannels) {}

    public record BacklogBody(@NotBlank @Size(max = 100) String leader, @NotBlank @Size(max = 5000) String plan,
            @NotNull LocalDate targetDate) {}

    public record SupervisionBody(@NotBlank @Size(max = 5000) String note) {}

    /** A leader's visit to the petitioner (下访) or appointment with them (约访). */
    public enum LeaderContactKind {
        VISIT, APPOINTMENT
    }

    public record LeaderContactBody(@NotBlank @Size(max = 100) String leader, @NotNull LeaderContactKind kind,
            @NotNull LocalDate date, @NotBlank @Size(max = 300) String place,
            @NotBlank @Size(max = 5000) String summary) {}

    /** {@code url} is the contact's own address (the Location of its 201). */
    @Schema(name = "CaseLeaderContact", description = "A leader's visit or appointment on a backlog case")
    public record LeaderContact(long id, UUID caseId, LeaderContactKind kind, String leader, LocalDate date,
            String place, String summary, String at, String actor, String url) {}

    /** The latest leader contact of a backlog case, as the ledger shows it. */
    @Schema(name = "CaseLastLeaderContact")
    public record LastLeaderContact(LeaderContactKind kind, String leader, LocalDate date) {}

    /** What the caller may see of the petitioner (whole, masked); a field they did not give is null. */
    public record Petitioner(String name, @Schema(nullable = true) String phone,
            @Schema(nullable = true) String idNumber, @Schema(nullable = true) String address,
            @Schema(nullable = true) String email) {}

    public record Representative(String name, @Schema(nullable = true) String phone) {}

    @Schema(name = "CaseDeadlines", description = "Every statutory deadline of the case (null until its stage starts)")
    public record Deadlines(@Schema(nullable = true) String triage, @Schema(nullable = true) String acceptance,
            @Schema(nullable = true) String objection,
            @Schema(nullable = true) String handling, @Schema(nullable = true) String answerWindow,
            @Schema(nullable = true) String review,
            @Schema(nullable = true) String reviewWindow, @Schema(nullable = true) String reReview) {}

    @Schema(name = "CaseFlags")
    public record Flags(boolean overdue, boolean backlog, boolean repeat, boolean confidentialReporter,
            boolean hearing) {}

    @Schema(name = "CaseExtension", description = "The one extension of the handling deadline (Art. 34)")
    public record Extension(int days, String reason) {}

    @Schema(name = "CaseBacklog", description = "The backlog ledger entry (包案): why, the leader, plan and target date")
    public record BacklogInfo(@Schema(nullable = true) BacklogReason reason, @Schema(nullable = true) String leader,
            @Schema(nullable = true) String plan,
            @Schema(nullable = true) LocalDate targetDate) {}

    public record SimilarCase(UUID id, String number, CaseState state, boolean samePetitioner, double similarity) {}

    @Schema(name = "CaseProgress", description = "Where an earlier case stands")
    public record Progress(String number, CaseState state, @Schema(nullable = true) Stage stage,
            @Schema(nullable = true) String dueAt,
            @Schema(nullable = true) String unitId) {}

    /** {@code url} is where the file itself is downloaded. */
    @Schema(name = "CaseAttachment")
    public record Attachment(UUID id, String filename,
            @Schema(enumeration = {"application/pdf", "image/jpeg", "image/png"}) String mediaType, long size,
            String createdAt, String url){}

    public record CaseView(
            UUID id, String number,
            @JsonInclude(JsonInclude.Include.NON_NULL) String trackingCode,
            Enums.Channel channel, Enums.CaseType type, String title, String content, String areaCode,
            @JsonInclude(JsonInclude.Include.NON_NULL) Petitioner petitioner,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Representative> representatives,
            int groupSize, int petitionerCount, CaseState state, @Schema(nullable = true) Stage stage,
            @Schema(nullable = true) String dueAt,
            @Schema(nullable = true) String unitId, @Schema(nullable = true) String unitAreaCode, Deadlines deadlines,
            Flags flags,
            @Schema(nullable = true) UUID repeatOf, @Schema(nullable = true) UUID mergedInto,
            @Schema(nullable = true) String notAcceptedReason,
            @Schema(nullable = true) Enums.DivertChannel divertChannel,
            @Schema(nullable = true, description = "The mediation the case was referred to (REFER_TO_MEDIATION)") UUID mediationId,
            @Schema(nullable = true, description = "The failed mediation that registered this petition") UUID sourceMediationId,
            @Schema(nullable = true) String declineReason,
            @Schema(nullable = true) Enums.Decision decision, @Schema(nullable = true) String answerText,
            @Schema(nullable = true) Enums.Satisfaction satisfaction, @Schema(nullable = true) Extension extension,
            @Schema(nullable = true) BacklogInfo backlog,
            List<Attachment> attachments, long version, String createdAt, String updatedAt,
            List<Action> allowedActions,
            @Schema(description = "Where the case's written notices (PDF) are listed") String writtenNotices,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<SimilarCase> similarCases,
            @JsonInclude(JsonInclude.Include.NON_NULL) Progress repeatOfProgress) {}

    @Schema(name = "CaseTracking", description = "What anyone holding the tracking code sees: no personal data")
    public record TrackView(String number, CaseState state, @Schema(nullable = true) Stage stage,
            @Schema(nullable = true) String dueAt,
            @Schema(nullable = true) String unitId, @Schema(nullable = true) Enums.Decision decision,
            @Schema(nullable = true) String answerText,
            String registeredAt, String updatedAt, @Schema(nullable = true) Progress earlierCase) {}

    /** {@code action}: a caller's {@link Action}, a step of the clock ({@code SystemAction}) or one of the others. */
    @Schema(name = "CaseHistoryEntry")
    public record HistoryEntry(long id, String at, String actor,
            @Schema(enumeration = {"citizen", "handler", "petition_officer", "supervisor", "system"}) String role,
            @Schema(enumeration = {"REGISTER", "ASSIGN", "DIVERT", "REFER_TO_MEDIATION", "NOT_ACCEPT", "MERGE",
                    "MERGE_IN", "OVERRIDE_REPEAT",
                    "ACCEPT", "DECLINE", "OBJECT", "ANSWER", "EXTEND", "ACCEPT_ANSWER", "RATE", "REQUEST_REVIEW",
                    "ANSWER_REVIEW", "REQUEST_RE_REVIEW", "ANSWER_RE_REVIEW", "START_HEARING", "END_HEARING", "ATTACH",
                    "BACKLOG", "SUPERVISE", "LEADER_CONTACT", "OVERDUE", "LAPSE"}) String action,
            @Schema(nullable = true) CaseState fromState, CaseState toState, @Schema(nullable = true) String note){}

    /** {@code nextCursor} is null on the last page. */
    public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) implements CsvExport.Paged<T> {}
}
