package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Enums.CaseType;
import org.civicsafety.cases.workflow.Enums.Channel;
import org.civicsafety.cases.workflow.Stage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Read side: lists with cursor paging, the public tracking view and statistics; the filters checked here, the SQL in {@link CaseRepository}. */
@ApplicationScoped
public class CaseQueries {

    @Inject CaseRepository cases;
    @Inject AreaDirectory areas;

    /** A case in a list: never the petitioner. */
    @Schema(name = "CaseListItem")
    public record ListItem(UUID id, String number, Channel channel, CaseType type, String title, String areaCode,
            CaseState state, @Schema(nullable = true) Stage stage, @Schema(nullable = true) String dueAt,
            @Schema(nullable = true) String unitId,
            CaseApi.Flags flags, @Schema(nullable = true) UUID repeatOf, @Schema(nullable = true) UUID mergedInto,
            @Schema(nullable = true) CaseApi.BacklogInfo backlog,
            @Schema(nullable = true, description = "On the backlog ledger: the latest leader's visit or appointment") CaseApi.LastLeaderContact lastLeaderContact,
            long version, String createdAt, String updatedAt) {}

    public record Filters(String state, String areaCode, String unitId, String channel, String type,
            String overdue, String backlog, String from, String to, String q, String limit,
            String cursor) {}

    /** Counts by state, channel and type; rates are fractions 0–1, null when there is nothing to measure. */
    @Schema(name = "CaseStats")
    public record Stats(@Schema(nullable = true) String areaCode, @Schema(nullable = true) String from,
            @Schema(nullable = true) String to, long total,
            Map<String, Long> byState, Map<String, Long> byChannel, Map<String, Long> byType,
            @Schema(nullable = true) Double onTimeAcceptanceRate, @Schema(nullable = true) Double onTimeAnswerRate,
            @Schema(nullable = true) Double resolutionRate, @Schema(nullable = true) Double repeatRate,
            @Schema(nullable = true) Double satisfactionRate) {}

    public CaseApi.TrackView track(String code) {
        String normalized = code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!isTrackingCode(normalized)) {
            // Cannot be any case's code: answered without a query (and a NUL never reaches the database).
            throw ApiException.notFound("no case with this tracking code");
        }
        CaseEntity c = cases.byTrackingCode(normalized)
                .orElseThrow(() -> ApiException.notFound("no case with this tracking code"));
        CaseEntity earlier = c.repeatOf == null ? null : cases.findById(c.repeatOf);
        CaseEntity.CurrentStage s = c.currentStage();
        return new CaseApi.TrackView(c.number, c.state, s.stage(), Json.time(s.dueAt()), c.unitId, c.decision,
                c.answerText, Json.time(c.registeredAt), Json.time(c.updatedAt),
                earlier == null ? null : CaseViews.progress(earlier));
    }

    /** Whether the text has the shape of an issued tracking code (length and alphabet of {@link CaseService}). */
    public static boolean isTrackingCode(String code) {
        if (code == null || code.length() != CaseService.TRACKING_LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (CaseService.TRACKING_ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** An area code filter; control characters (e.g. NUL) can never be part of a code. */
    public static String areaCode(String value) {
        if (value.isBlank() || value.length() > 64 || hasControl(value)) {
            throw ApiException.badField("areaCode", "not-an-area-code");
        }
        return value;
    }

    /** Control characters cannot be in stored text (PostgreSQL refuses NUL): the filter is bad, named as such. */
    public static String plainText(String field, String value) {
        if (hasControl(value)) {
            throw ApiException.badField(field, "control-characters");
        }
        return value;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    public CaseApi.Page<ListItem> list(Filters f, Access.Who who) {
        String q = null;
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 200) {
                throw ApiException.badField("q", "too-long", 200);
            }
            plainText("q", f.q());
            q = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }
        int limit = limit(f.limit());
        Cursor cursor = f.cursor() == null ? null : decodeCursor(f.cursor());
        CaseState state = f.state() == null ? null : enumValue("state", f.state(), CaseState.class);
        Channel channel = f.channel() == null ? null : enumValue("channel", f.channel(), Channel.class);
        CaseType type = f.type() == null ? null : enumValue("type", f.type(), CaseType.class);
        String area = f.areaCode() == null ? null : areaCode(f.areaCode());
        String unitId = f.unitId() == null ? null : plainText("unitId", f.unitId());
        Boolean overdue = f.overdue() == null ? null : bool("overdue", f.overdue());
        Boolean backlog = f.backlog() == null ? null : bool("backlog", f.backlog());
        OffsetDateTime from = f.from() == null ? null : time("from", f.from(), false);
        OffsetDateTime to = f.to() == null ? null : time("to", f.to(), true);
        // an area is read at its level (path position): the list indexes lead with it (V6). No case lies in an
        // area this service does not know: cases are registered in known areas only.
        int areaDepth = 0;
        if (area != null) {
            Optional<String[]> path = areas.path(area);
            if (path.isEmpty()) {
                return new CaseApi.Page<>(List.of(), null);
            }
            areaDepth = path.get().length;
        }
        List<CaseRepository.ListRow> rows = cases.page(new CaseRepository.ListQuery(state, channel, type, area,
                areaDepth, unitId, overdue, backlog, from, to, q, cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), limit + 1), who);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            CaseRepository.ListRow last = rows.get(limit - 1);
            next = encodeCursor(last.createdAt(), last.id());
        }
        return new CaseApi.Page<>(rows.stream().map(CaseQueries::item).toList(), next);
    }

    static ListItem item(CaseRepository.ListRow r) {
        CaseState state = CaseState.valueOf(r.state());
        CaseType type = CaseType.valueOf(r.type());
        return new ListItem(r.id(), r.number(), Channel.valueOf(r.channel()), type, r.title(), r.areaCode(), state,
                Stage.of(state).orElse(null), Json.time(r.dueAt()), r.unitId(),
                new CaseApi.Flags(r.overdue(), r.backlog(), r.repeat(), type == CaseType.MISCONDUCT_REPORT,
                        r.hearing()),
                r.repeatOf(), r.mergedInto(),
                r.backlog() ? new CaseApi.BacklogInfo(
                        r.backlogReason() == null ? null : BacklogReason.valueOf(r.backlogReason()),
                        r.backlogLeader(), r.backlogPlan(), r.backlogTargetDate()) : null,
                r.lastContactKind() == null ? null : new CaseApi.LastLeaderContact(
                        CaseApi.LeaderContactKind.valueOf(r.lastContactKind()), r.lastContactLeader(),
                        r.lastContactDate()),
                r.version(), Json.time(r.createdAt()), Json.time(r.updatedAt()));
    }

    public Stats stats(String areaCode, String from, String to, Access.Who who) {
        CaseRepository.StatsQuery f = new CaseRepository.StatsQuery(areaCode == null ? null : areaCode(areaCode),
                from == null ? null : time("from", from, false), to == null ? null : time("to", to, true));
        CaseRepository.Totals n = cases.totals(f, who);
        return new Stats(areaCode, from, to, n.total(), counts("state", f, who), counts("channel", f, who),
                counts("type", f, who), rate(n.acceptedOnTime(), n.accepted()), rate(n.answeredOnTime(), n.answered()),
                rate(n.finalized(), n.accepted()), rate(n.repeats(), n.total()),
                rate(n.satisfiedRatings(), n.ratings()));
    }

    private Map<String, Long> counts(String column, CaseRepository.StatsQuery f, Access.Who who) {
        Map<String, Long> out = new LinkedHashMap<>();
        cases.countBy(column, f, who).forEach(c -> out.put(c.value(), c.count()));
        return out;
    }

    /** A share from 0 to 1, or null when there is nothing to measure. */
    public static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "unknown-value", java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static boolean bool(String field, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw ApiException.badField(field, "not-a-boolean");
    }

    /** A date (Shanghai day; {@code to} is inclusive of that day) or an ISO timestamp with offset. */
    public static OffsetDateTime time(String field, String value, boolean endOfRange) {
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

    public static int limit(String value) {
        if (value == null) {
            return 50;
        }
        try {
            int l = Integer.parseInt(value);
            if (l >= 1 && l <= 500) {
                return l;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw ApiException.badField("limit", "out-of-range", 1, 500);
    }

    public static String encodeCursor(Instant at, UUID id) {
        Instant i = at.truncatedTo(ChronoUnit.MICROS);
        String raw = i.getEpochSecond() + ":" + i.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public record Cursor(OffsetDateTime at, UUID id) {}

    public static Cursor decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Instant i = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new Cursor(i.atOffset(ZoneOffset.UTC), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ApiException.badField("cursor", "not-a-cursor");
        }
    }
}
