package org.civicsafety.cases.mediation;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.dispute.MediationType;
import org.civicsafety.cases.dispute.PartyBody;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.dispute.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the mediation API ({@code /api/v1/mediations}). */
public final class MediationApi {
    private MediationApi() {}

    @Schema(name = "MediationSource", description = "Where the dispute came from; none: directly (a walk-in, a court's "
            + "pre-litigation referral)")
    public record Source(
            @Schema(description = "A dispute incident of grid-service (category group DISPUTE) in your area") UUID incidentId,
            @Schema(description = "A petition case in your area") UUID caseId,
            @Schema(description = "A referral's reference, e.g. a court's 诉前委派 number") @Size(max = 2000) String referralNote) {}

    @Schema(name = "MediationCreate")
    public record CreateBody(
            @NotNull MediationType type,
            @Schema(description = "Required for SECTORAL, not given otherwise") Sector sector,
            @Schema(description = "Where the dispute is mediated (its level counts: village, township, county)") @NotBlank @Size(max = 64) String areaCode,
            @NotBlank @Size(max = 10000) String summary,
            @Schema(description = "What the dispute is about, e.g. NEIGHBOURHOOD, LAND, LABOUR_PAY, FAMILY") @NotBlank @Size(max = 100) String disputeCategory,
            @DecimalMin("0") @DecimalMax("99999999999999.99") BigDecimal amountInDispute,
            @Schema(description = "At least two: one APPLICANT and one RESPONDENT at least") @NotNull @Size(min = 2, max = 20) List<@Valid @NotNull PartyBody> parties,
            @Schema(description = "Ids of active mediators of the directory") @NotEmpty @Size(max = 10) List<@NotNull UUID> mediators,
            @Valid Source source) {}

    /** A party as the caller may see them (whole or masked); the tracking code only in the creator's 201. */
    @Schema(name = "MediationParty")
    public record Party(UUID id, PartyRole role, String name, @Schema(nullable = true) String phone,
            @Schema(nullable = true) String idNumber, @Schema(nullable = true) String address, boolean consented,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Shown once, to the creator: the party follows the mediation with it") String trackingCode) {}

    @Schema(name = "MediationMediator")
    public record Mediator(UUID id, String name, String committee) {}

    @Schema(name = "MediationSession")
    public record Session(String heldAt, String place, List<String> attendees, @Schema(nullable = true) String notes) {}

    @Schema(name = "MediationObligation")
    public record Obligation(UUID id, UUID partyId, String content, LocalDate dueDate,
            MediationEntity.ObligationStatus status) {}

    @Schema(name = "MediationJudicialConfirmation")
    public record JudicialConfirmation(String court, LocalDate confirmedOn) {}

    @Schema(name = "MediationAgreement")
    public record Agreement(boolean written, String terms, List<Obligation> obligations, String agreedAt,
            @Schema(nullable = true) JudicialConfirmation judicialConfirmation,
            @Schema(nullable = true, description = "The written agreement (调解协议书, PDF): a written one, for those who see the parties whole") String document) {}

    @Schema(name = "MediationExtension")
    public record Extension(int days, String reason) {}

    @Schema(name = "MediationSourceView")
    public record SourceView(@Schema(nullable = true) UUID incidentId, @Schema(nullable = true) UUID caseId,
            @Schema(nullable = true) String referralNote) {}

    @Schema(name = "Mediation")
    public record View(UUID id, String number, MediationType type, @Schema(nullable = true) Sector sector,
            String areaCode, @Schema(enumeration = {"COUNTY", "TOWNSHIP", "VILLAGE", "GRID"}) String level,
            String summary, String disputeCategory, @Schema(nullable = true) BigDecimal amountInDispute,
            List<Party> parties, List<Mediator> mediators, SourceView source, MediationState state,
            @Schema(nullable = true) Outcome outcome, @Schema(nullable = true) Referral referral,
            @Schema(nullable = true, description = "The petition a PETITION referral registered") UUID referredCaseId,
            @Schema(nullable = true) String conclusionReason, @Schema(nullable = true) String dueAt,
            @Schema(nullable = true) Extension extension, boolean overdue, String openedAt,
            @Schema(nullable = true) String inMediationAt, @Schema(nullable = true) String concludedAt,
            @Schema(nullable = true) Integer durationDays, List<Session> sessions,
            @Schema(nullable = true) Agreement agreement, @Schema(nullable = true) String followUpNote,
            @Schema(nullable = true) String followedUpAt, long version, String createdAt, String updatedAt,
            List<MediationAction> allowedActions){}

    /** A mediation in a list: never a party's personal data. */
    @Schema(name = "MediationListItem")
    public record ListItem(UUID id, String number, MediationType type, @Schema(nullable = true) Sector sector,
            String areaCode, String level, String summary, MediationState state,
            @Schema(nullable = true) Outcome outcome, @Schema(nullable = true) String dueAt, boolean overdue,
            int partyCount, List<UUID> mediatorIds, @Schema(nullable = true) UUID sourceIncidentId,
            @Schema(nullable = true) UUID sourceCaseId, long version, String createdAt, String updatedAt) {}

    @Schema(name = "MediationPage")
    public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) implements CsvExport.Paged<T> {}

    /** What a party holding a tracking code sees: no personal data of anyone, their own neither. */
    @Schema(name = "MediationTracking")
    public record TrackView(String number, MediationType type, MediationState state,
            @Schema(nullable = true) Outcome outcome, @Schema(nullable = true) String dueAt, int sessionCount,
            String openedAt, String updatedAt) {}

    @Schema(name = "MediationHistoryEntry")
    public record HistoryEntry(long id, String at, String actor,
            @Schema(enumeration = {"mediator", "petition_officer", "system"}) String role,
            @Schema(enumeration = {"OPEN", "RECORD_CONSENT", "REFUSE", "ADD_SESSION", "EXTEND", "CONCLUDE_AGREEMENT",
                    "CONCLUDE_FAILED", "WITHDRAW", "RECORD_JUDICIAL_CONFIRMATION", "FOLLOW_UP", "REOPEN",
                    "OVERDUE"}) String action,
            @Schema(nullable = true) MediationState fromState, MediationState toState,
            @Schema(nullable = true) String note){}

    /** What list filters were given, unchecked. */
    public record Filters(String state, String type, String areaCode, String mediatorId, String overdue, String from,
            String to, String q, String limit, String cursor) {}

    /** Figures of a group of mediations; rates are fractions 0–1, null when there is nothing to measure. */
    @Schema(name = "MediationStatsFigures")
    public record Figures(
            @Schema(description = "Opened in the period") long count,
            @Schema(description = "Concluded in the period: outcome AGREED or FAILED") long concluded,
            @Schema(description = "Concluded in the period with outcome AGREED (state AGREED or FULFILLED)") long agreed,
            @Schema(description = "Ended in the period by a refusal (not counted as concluded)") long refused,
            @Schema(description = "Ended in the period by a withdrawal (not counted as concluded)") long withdrawn,
            @Schema(nullable = true, description = "agreed / concluded") Double successRate,
            @Schema(nullable = true, description = "Concluded at village or grid level / concluded (小事不出村)") Double villageLevelShare,
            @Schema(nullable = true, description = "Median durationDays of the concluded") Double medianDurationDays,
            @Schema(nullable = true, description = "FULFILLED / agreed with a follow-up") Double fulfilmentRate) {}

    @Schema(name = "MediationAreaStats", description = "A child area's figures (the area itself for mediations at its own level)")
    public record AreaStats(String areaCode, String name, Figures figures) {}

    @Schema(name = "MediationStats")
    public record Stats(@Schema(nullable = true) String areaCode, @Schema(nullable = true) String from,
            @Schema(nullable = true) String to, long count,
            @Schema(description = "The mediations opened in the period, by their state now") Map<String, Long> byState,
            long concluded, long agreed, long refused, long withdrawn, @Schema(nullable = true) Double successRate,
            @Schema(nullable = true) Double villageLevelShare, @Schema(nullable = true) Double medianDurationDays,
            @Schema(nullable = true) Double fulfilmentRate, Map<String, Figures> byType, List<AreaStats> byArea) {}
}
