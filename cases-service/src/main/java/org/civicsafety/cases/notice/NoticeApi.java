package org.civicsafety.cases.notice;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.csv.CsvExport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the notices API (the wire format of the notice design, the same in grid-service). */
public final class NoticeApi {
    private NoticeApi() {}

    /** The id's prefix names the owning service, so the gateway can route a read mark. */
    static final String ID_PREFIX = "cases-";
    static final String SERVICE = "cases-service";

    @Schema(name = "Notice", description = "A notice in an inbox")
    public record Notice(@Schema(description = "cases-<uuid>") String id,
            @Schema(enumeration = {"cases-service", "grid-service"}) String service, NoticeType type, String title,
            String body, @Schema(enumeration = {"case", "mediation", "reception-booking"}) String subjectType,
            UUID subjectId,
            @Schema(nullable = true) String subjectNumber, boolean urgent, String createdAt, boolean read,
            @Schema(nullable = true) String readAt,
            @Schema(nullable = true, description = "The written notice (PDF) of a statutory notice") String document){}

    @Schema(name = "NoticeInbox", description = "A page of the caller's notices, newest first")
    public record Inbox(List<Notice> items, @Schema(nullable = true) String nextCursor,
            @Schema(description = "The caller's unread notices, all of them") long unread) {}

    @Schema(name = "NoticePreferences", description = "How the caller is told, addresses masked")
    public record Preferences(boolean sms, boolean email, @Schema(enumeration = {"zh-CN", "en"}) String language,
            @Schema(nullable = true) String emailAddress, @Schema(nullable = true) String mobile){}

    @Schema(name = "NoticePreferencesUpdate", description = "How the caller wants to be told; addresses in full")
    public record PreferencesBody(@NotNull Boolean sms, @NotNull Boolean email,
            @NotNull @Pattern(regexp = "zh-CN|en", message = "{unknown-value}") String language,
            @Email(message = "{not-an-email-address}") @Size(max = 254) String emailAddress,
            @Pattern(regexp = "^\\+?[0-9][0-9 -]{4,19}$", message = "{not-a-phone-number}") String mobile) {}

    @Schema(name = "NoticeAttempt")
    public record Attempt(String at, @Schema(nullable = true) Integer statusCode,
            @Schema(nullable = true) Integer latencyMs, @Schema(nullable = true) String error) {}

    @Schema(name = "NoticeDelivery", description = "One channel of a notice; the address masked")
    public record Delivery(UUID id, @Schema(enumeration = {"EMAIL", "SMS", "WEBHOOK"}) String channel,
            @Schema(nullable = true) String address, DeliveryStatus status, int attemptCount,
            @Schema(nullable = true) String lastError, @Schema(nullable = true) String sentAt,
            @Schema(nullable = true) String nextAttemptAt, List<Attempt> attempts){}

    @Schema(name = "NoticeLogEntry", description = "A notice with its recipient and deliveries")
    public record LogEntry(String id, String service, NoticeType type, String title, String body, String subjectType,
            UUID subjectId, @Schema(nullable = true) String subjectNumber, boolean urgent, String createdAt,
            boolean read, @Schema(nullable = true) String readAt, @Schema(nullable = true) String document,
            RecipientType recipientType, @Schema(nullable = true) String recipient, List<Delivery> deliveries) {}

    @Schema(name = "NoticeLog")
    public record Log(List<LogEntry> items, @Schema(nullable = true) String nextCursor)
            implements
                CsvExport.Paged<LogEntry> {}
}
