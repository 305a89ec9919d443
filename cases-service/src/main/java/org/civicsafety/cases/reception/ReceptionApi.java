package org.civicsafety.cases.reception;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.casefile.CaseApi;
import org.civicsafety.cases.notice.Channel;
import org.civicsafety.cases.workflow.Enums;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the reception days API (mediation.md "Leaders' reception days"). */
public final class ReceptionApi {
    private ReceptionApi() {}

    private static final String PHONE = "^\\+?[0-9][0-9 -]{4,19}$";

    /** A public official: name and title are shown to everyone. */
    @Schema(name = "ReceptionLeader")
    public record Leader(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 100) String title) {}

    @Schema(name = "ReceptionDayCreate")
    public record CreateDay(
            @NotNull @Valid Leader leader,
            @NotBlank @Size(max = 64) String areaCode,
            @NotNull LocalDate date,
            @NotNull @Schema(type = SchemaType.STRING, description = "HH:mm, Asia/Shanghai", example = "09:00") LocalTime startTime,
            @NotNull @Schema(type = SchemaType.STRING, description = "HH:mm, Asia/Shanghai; after startTime", example = "12:00") LocalTime endTime,
            @NotBlank @Size(max = 300) String place,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> topics,
            @NotNull @Min(1) @Max(500) Integer slots) {}

    /** What anyone sees of a reception day: no booking data, only how many slots are left. */
    @Schema(name = "ReceptionDay")
    public record DayView(UUID id, Leader leader, String areaCode, LocalDate date,
            @Schema(example = "09:00") String startTime, @Schema(example = "12:00") String endTime, String place,
            List<String> topics, int slots, int slotsLeft, String createdAt) {}

    /** The citizen booked for (officers on their behalf: required); stored only encrypted. */
    @Schema(name = "ReceptionCitizen")
    public record CitizenBody(@NotBlank @Size(max = 100) String name,
            @Pattern(regexp = PHONE, message = "{not-a-phone-number}") String phone,
            @Pattern(regexp = "^[0-9]{17}[0-9Xx]$", message = "{not-an-id-number}") String idNumber,
            @Email(message = "{not-an-email-address}") @Size(max = 254) String email) {}

    @Schema(name = "ReceptionBookingCreate")
    public record CreateBooking(
            @NotBlank @Size(max = 2000) String summary,
            @Schema(description = "The citizen's own case the matter is about") UUID caseId,
            @NotNull ReceptionBooking.ContactPreference contactPreference,
            @Schema(description = "Required when an officer books on someone's behalf; a citizen may give it so the "
                    + "reception desk knows whom to expect and how to reach them") @Valid CitizenBody citizen,
            @Schema(description = "An officer booking on behalf: the citizen's account, so they see the booking and "
                    + "are told of it") @Size(max = 128) String citizenUserId) {}

    /** As much of the citizen as the caller may see (whole, or masked). */
    @Schema(name = "ReceptionPerson")
    public record Person(String name, @Schema(nullable = true) String phone,
            @Schema(nullable = true) String idNumber, @Schema(nullable = true) String email) {}

    @Schema(name = "ReceptionBooking")
    public record BookingView(UUID id, String number, UUID receptionDayId, int slot, String slotStart, String slotEnd,
            ReceptionBooking.State state, String summary, @Schema(nullable = true) UUID caseId,
            ReceptionBooking.ContactPreference contactPreference, @Schema(nullable = true) Person citizen,
            String createdAt, @Schema(nullable = true) String cancelledAt, String url) {}

    /** A walk-in received without a booking. */
    @Schema(name = "ReceptionWalkIn")
    public record WalkInBody(@NotBlank @Size(max = 100) String name,
            @Pattern(regexp = PHONE, message = "{not-a-phone-number}") String phone) {}

    /** NEW_CASE: the registration body of POST /api/v1/cases, its channel VISIT. */
    @Schema(name = "ReceptionNewCase", description = "The petition to register (channel VISIT); the petitioner "
            + "defaults to the booking's citizen or the walk-in, the area to the reception day's")
    public record NewCase(@NotNull Enums.CaseType type,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 10000) String content,
            @Size(max = 64) String areaCode,
            @Valid CaseApi.PetitionerBody petitioner,
            @Min(1) @Max(1_000_000) Integer groupSize,
            @Size(max = 2) List<@NotNull Channel> noticeChannels) {}

    @Schema(name = "ReceptionRecordCreate")
    public record CreateRecord(
            @Schema(description = "The booking received (or walkIn)") UUID bookingId,
            @Valid WalkInBody walkIn,
            @NotNull ReceptionRecord.Outcome outcome,
            @Schema(description = "INSTRUCTED: the case instructed on (default: the booking's case)") UUID caseId,
            @Schema(description = "INSTRUCTED: the leader's instruction (批示)") @Size(max = 5000) String instruction,
            @Size(max = 5000) String note,
            @JsonProperty("case") @Valid @Schema(description = "NEW_CASE: the petition to register") NewCase newCase,
            @Schema(description = "REFERRED: the legal channel the person was referred to") Enums.DivertChannel referral) {}

    @Schema(name = "ReceptionRecord")
    public record RecordView(UUID id, UUID receptionDayId, @Schema(nullable = true) UUID bookingId,
            @Schema(nullable = true) String bookingNumber, @Schema(nullable = true) Person walkIn,
            ReceptionRecord.Outcome outcome, @Schema(nullable = true) UUID caseId,
            @Schema(nullable = true) String caseNumber, @Schema(nullable = true) String instruction,
            @Schema(nullable = true) Enums.DivertChannel referral, @Schema(nullable = true) String note,
            String recordedBy, String recordedAt, String url) {}

    /** Fractions 0–1; null when there is nothing to measure. */
    @Schema(name = "ReceptionStats")
    public record Stats(@Schema(nullable = true) String areaCode, @Schema(nullable = true) String from,
            @Schema(nullable = true) String to, long receptionsHeld, long peopleReceived,
            Map<String, Long> byOutcome, long backlogCases, long backlogCasesWithLeaderContact,
            @Schema(nullable = true) Double leaderContactShare) {}
}
