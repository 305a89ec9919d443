package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.privacy.Masking;

/**
 * The read side of notices: inbox pages and the stream's rows, read marks, preferences and the delivery log; the
 * parameters checked here (a bad one is a 400 naming it), the SQL in {@link NoticeRepository}.
 */
@ApplicationScoped
public class NoticeQueries {

    static final int MAX_LIMIT = 500;

    @Inject NoticeRepository notices;
    @Inject NoticePreferences preferences;

    public NoticeApi.Inbox inbox(Reader reader, String limit, String cursor, String unread) {
        int n = limit(limit);
        Long before = cursor == null ? null : decodeCursor(cursor);
        boolean unreadOnly = unread != null && bool("unread", unread);
        List<NoticeRepository.Row> rows = notices.inbox(reader, before, null, unreadOnly, n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = encodeCursor(rows.get(n - 1).seq());
        }
        return new NoticeApi.Inbox(rows.stream().map(NoticeQueries::notice).toList(), next, notices.unread(reader));
    }

    /** The reader's notices after {@code seq}, oldest first (the stream). */
    public List<NoticeRepository.Row> after(Reader reader, long seq) {
        return notices.inbox(reader, null, seq, false, 100);
    }

    public long latestSeq(Reader reader) {
        return notices.latestSeq(reader);
    }

    /** {@code cases-<uuid>} of the reader's: marked read; anything else is a 404 (another service's id too). */
    public void markRead(Reader reader, String id) {
        UUID uuid = parseId(id).orElseThrow(() -> ApiException.notFound("no such notice"));
        if (!notices.markRead(reader, uuid)) {
            throw ApiException.notFound("no such notice");
        }
    }

    public NoticeApi.Preferences preferences(String sub) {
        return preferences.find(sub).map(NoticeQueries::masked)
                .orElse(new NoticeApi.Preferences(true, true, NoticeTemplates.ZH_CN, null, null));
    }

    public NoticeApi.Preferences savePreferences(String sub, NoticeApi.PreferencesBody b) {
        Preference p = new Preference(b.sms(), b.email(), b.language(), blankToNull(b.emailAddress()),
                blankToNull(b.mobile()));
        preferences.save(sub, p);
        return masked(p);
    }

    /** The delivery log: admins every notice, supervisors those of their area subtree. */
    public NoticeApi.Log log(String areaScope, String recipientType, String channel, String status, String from,
            String to, String limit, String cursor) {
        int n = limit(limit);
        NoticeRepository.LogFilter f = new NoticeRepository.LogFilter(
                recipientType == null ? null : enumValue("recipientType", recipientType, RecipientType.class),
                channel == null ? null : enumValue("channel", channel, Channel.class),
                status == null ? null : enumValue("status", status, DeliveryStatus.class),
                from == null ? null : time("from", from, false), to == null ? null : time("to", to, true),
                cursor == null ? null : decodeCursor(cursor), n + 1);
        List<NoticeRepository.Row> rows = notices.log(f, areaScope);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = encodeCursor(rows.get(n - 1).seq());
        }
        Map<UUID, List<NoticeRepository.DeliveryRow>> deliveries = rows.isEmpty() ? Map.of()
                : notices.deliveries(rows.stream().map(NoticeRepository.Row::id).toList()).stream()
                        .collect(Collectors.groupingBy(NoticeRepository.DeliveryRow::noticeId));
        List<UUID> deliveryIds = deliveries.values().stream().flatMap(List::stream)
                .map(NoticeRepository.DeliveryRow::id).toList();
        Map<UUID, List<NoticeRepository.AttemptRow>> attempts = deliveryIds.isEmpty() ? Map.of()
                : notices.attempts(deliveryIds).stream()
                        .collect(Collectors.groupingBy(NoticeRepository.AttemptRow::deliveryId));
        List<NoticeApi.LogEntry> items = new ArrayList<>();
        for (NoticeRepository.Row r : rows) {
            NoticeApi.Notice v = notice(r);
            items.add(new NoticeApi.LogEntry(v.id(), v.service(), v.type(), v.title(), v.body(), v.subjectType(),
                    v.subjectId(), v.subjectNumber(), v.urgent(), v.createdAt(), v.read(), v.readAt(), v.document(),
                    RecipientType.valueOf(r.recipientType()), r.recipient(),
                    deliveries.getOrDefault(r.id(), List.of()).stream().map(d -> new NoticeApi.Delivery(d.id(),
                            d.channel(), d.addressMasked(), DeliveryStatus.valueOf(d.status()), d.attempts(),
                            d.lastError(), Json.time(d.sentAt()), Json.time(d.nextAttemptAt()),
                            attempts.getOrDefault(d.id(), List.of()).stream().map(a -> new NoticeApi.Attempt(
                                    Json.time(a.at()), a.statusCode(), a.latencyMs(), a.error())).toList()))
                            .toList()));
        }
        return new NoticeApi.Log(items, next);
    }

    public static NoticeApi.Notice notice(NoticeRepository.Row r) {
        return new NoticeApi.Notice(NoticeApi.ID_PREFIX + r.id(), NoticeApi.SERVICE, NoticeType.valueOf(r.type()),
                r.title(), r.body(), r.subjectType(), r.subjectId(), r.subjectNumber(), r.urgent(),
                Json.time(r.createdAt()), r.readAt() != null, Json.time(r.readAt()), document(r));
    }

    /** Every statutory notice about a case is also a written notice. */
    static String document(NoticeRepository.Row r) {
        return NoticeType.valueOf(r.type()).statutory() && "case".equals(r.subjectType())
                ? WrittenNotices.url(r.subjectId(), r.id())
                : null;
    }

    static NoticeApi.Preferences masked(Preference p) {
        return new NoticeApi.Preferences(p.sms(), p.email(), p.language(), Masking.email(p.emailAddress()),
                Masking.phone(p.mobile()));
    }

    static Optional<UUID> parseId(String id) {
        if (id == null || !id.startsWith(NoticeApi.ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.substring(NoticeApi.ID_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static int limit(String value) {
        if (value == null) {
            return 50;
        }
        try {
            int l = Integer.parseInt(value);
            if (l >= 1 && l <= MAX_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw ApiException.badField("limit", "out-of-range", 1, MAX_LIMIT);
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("n:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("n:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(2));
        } catch (RuntimeException e) {
            throw ApiException.badField("cursor", "not-a-cursor");
        }
    }

    static boolean bool(String field, String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value.toLowerCase());
        }
        throw ApiException.badField(field, "not-a-boolean");
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "unknown-value", Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A date (a Shanghai day; {@code to} includes it) or an ISO 8601 timestamp with offset. */
    static OffsetDateTime time(String field, String value, boolean endOfRange) {
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfRange ? d.plusDays(1) : d).atStartOfDay(Json.ZONE).toOffsetDateTime();
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "not-a-date");
        }
    }

    /** Last-Event-ID (header or query): the seq of the last event seen; anything else is a 400. */
    static long lastEventId(String value) {
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw ApiException.badField("Last-Event-ID", "not-a-cursor");
    }

}
