package org.civicsafety.cases.casefile;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.unit.UnitDirectory;
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
    @Inject UnitDirectory units;

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
            @Schema(nullable = true) Double satisfactionRate,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The groupBy asked for; absent without it "
                    + "(and in a group's own figures)", enumeration = {
                            "month", "week", "category", "unit",
                            "childArea"}) String groupBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The groups, absent without groupBy: "
                    + "every month or week from..to in order (Asia/Shanghai; none left out); types and units with "
                    + "cases, most first; every child area known here, by code") List<StatsGroup> groups){
        /** These figures split into {@code groups}. */
        Stats grouped(StatsGrouping by, List<StatsGroup> groups) {
            return new Stats(areaCode, from, to, total, byState, byChannel, byType, onTimeAcceptanceRate,
                    onTimeAnswerRate, resolutionRate, repeatRate, satisfactionRate, by.wire(), groups);
        }

        /** These figures as those of an area and period. */
        Stats of(String areaCode, String from, String to) {
            return new Stats(areaCode, from, to, total, byState, byChannel, byType, onTimeAcceptanceRate,
                    onTimeAnswerRate, resolutionRate, repeatRate, satisfactionRate, groupBy, groups);
        }
    }

    /** The figures of one group of cases. */
    @Schema(name = "CaseStatsGroup", description = "The figures of one group of cases")
    public record StatsGroup(@Schema(description = "month: 2026-11; week: 2026-W49 (ISO, Monday first); category: "
            + "the case type; unit: its id, UNASSIGNED for cases no unit handles; childArea: the area code", example = "2026-W49") String key,
            @Schema(nullable = true, description = "The unit's or the area's name; null for periods, types and "
                    + "unknown keys") String name,
            @Schema(nullable = true, description = "A period's first instant (Asia/Shanghai); null for other "
                    + "groupings") String from,
            @Schema(nullable = true, description = "The instant after a period's last; null for other groupings") String to,
            @Schema(description = "The group's figures, over the part of the period inside the asked from..to") Stats stats) {}

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

    /** The figures of a group without cases. */
    private static final Stats EMPTY = stats(null, null, null, new CaseRepository.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0),
            Map.of(), Map.of(), Map.of());

    public Stats stats(String areaCode, String from, String to, String groupBy, Access.Who who) {
        StatsGrouping by = groupBy == null ? null : StatsGrouping.parse(groupBy)
                .orElseThrow(() -> ApiException.badField("groupBy", "unknown-value",
                        Arrays.stream(StatsGrouping.values()).map(StatsGrouping::wire).toList().toString()));
        CaseRepository.StatsQuery f = new CaseRepository.StatsQuery(areaCode == null ? null : areaCode(areaCode),
                from == null ? null : time("from", from, false), to == null ? null : time("to", to, true));
        CaseRepository.Totals n = cases.totals(f, who);
        Stats stats = stats(areaCode, from, to, n, counts("state", f, who), counts("channel", f, who),
                counts("type", f, who));
        if (by == null) {
            return stats;
        }
        return stats.grouped(by, by.byPeriod() ? periodGroups(by, f, areaCode, who) : groups(by, f, stats, who));
    }

    private static Stats stats(String areaCode, String from, String to, CaseRepository.Totals n,
            Map<String, Long> byState, Map<String, Long> byChannel, Map<String, Long> byType) {
        return new Stats(areaCode, from, to, n.total(), byState, byChannel, byType,
                rate(n.acceptedOnTime(), n.accepted()), rate(n.answeredOnTime(), n.answered()),
                rate(n.finalized(), n.accepted()), rate(n.repeats(), n.total()),
                rate(n.satisfiedRatings(), n.ratings()), null, null);
    }

    /** Every month or week overlapping from..to (default: the 12 periods up to now), zero-filled, in order. */
    private List<StatsGroup> periodGroups(StatsGrouping by, CaseRepository.StatsQuery f, String areaCode,
            Access.Who who) {
        OffsetDateTime to = f.to() != null ? f.to() : OffsetDateTime.now(Json.ZONE);
        OffsetDateTime from = f.from() != null ? f.from() : StatsPeriods.defaultFrom(by, to, Json.ZONE);
        if (StatsPeriods.count(by, from, to, Json.ZONE) > StatsPeriods.MAX_COUNT) {
            throw ApiException.badField("from", "stats.too-many-periods", StatsPeriods.MAX_COUNT);
        }
        CaseRepository.StatsQuery range = new CaseRepository.StatsQuery(f.areaCode(), from, to);
        Map<String, Stats> figures = grouped(new CaseRepository.Grouping(by, null, 0), range, who);
        return StatsPeriods.between(by, from, to, Json.ZONE).stream().map(p -> {
            String start = Json.time(p.from());
            String end = Json.time(p.to());
            return new StatsGroup(p.key(), null, start, end,
                    figures.getOrDefault(p.key(), EMPTY).of(areaCode, start, end));
        }).toList();
    }

    /**
     * Types and units with cases, most first; or every child area of the scoped area (the areaCode asked for, else
     * the caller's, else the top level) this service knows, zero-filled, by code, and the area itself when cases
     * count as its own.
     */
    private List<StatsGroup> groups(StatsGrouping by, CaseRepository.StatsQuery f, Stats all, Access.Who who) {
        String root = by != StatsGrouping.CHILD_AREA ? null : f.areaCode() != null ? f.areaCode() : who.area();
        int depth = root == null ? 0 : areas.path(root).map(p -> p.length).orElse(0);
        if (root != null && depth == 0) {
            root = null; // an area this service has not heard of has no known children: group by the top level
        }
        Map<String, Stats> figures = grouped(new CaseRepository.Grouping(by, root, depth), f, who);
        Map<String, String> names = new LinkedHashMap<>();
        switch (by) {
            case CHILD_AREA -> {
                areas.children(root).forEach(a -> names.put(a.code(), a.name()));
                figures.keySet().stream().filter(k -> !names.containsKey(k)).sorted()
                        .forEach(k -> names.put(k, areas.name(k).orElse(null)));
            }
            case UNIT -> {
                Map<String, String> known = units.names(figures.keySet());
                figures.keySet().forEach(k -> names.put(k, known.get(k)));
            }
            default -> figures.keySet().forEach(k -> names.put(k, null));
        }
        java.util.stream.Stream<String> keys = names.keySet().stream();
        if (by != StatsGrouping.CHILD_AREA) {
            keys = keys.sorted(java.util.Comparator.comparingLong((String k) -> -figures.get(k).total())
                    .thenComparing(k -> k));
        }
        return keys.map(k -> new StatsGroup(k, names.get(k), null, null, figures.getOrDefault(k, EMPTY)
                .of(by == StatsGrouping.CHILD_AREA ? k : all.areaCode(), all.from(), all.to()))).toList();
    }

    /** The figures of every group with cases (without area and period): one grouped query per family of figures. */
    private Map<String, Stats> grouped(CaseRepository.Grouping g, CaseRepository.StatsQuery f, Access.Who who) {
        Map<String, Map<String, Long>> byState = groupCounts("state", g, f, who);
        Map<String, Map<String, Long>> byChannel = groupCounts("channel", g, f, who);
        Map<String, Map<String, Long>> byType = groupCounts("type", g, f, who);
        Map<String, Stats> out = new LinkedHashMap<>();
        for (CaseRepository.GroupTotals t : cases.totalsBy(g, f, who)) {
            out.put(t.key(), stats(null, null, null, t.totals(), byState.getOrDefault(t.key(), Map.of()),
                    byChannel.getOrDefault(t.key(), Map.of()), byType.getOrDefault(t.key(), Map.of())));
        }
        return out;
    }

    private Map<String, Map<String, Long>> groupCounts(String column, CaseRepository.Grouping g,
            CaseRepository.StatsQuery f, Access.Who who) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        cases.countBy(column, g, f, who)
                .forEach(c -> out.computeIfAbsent(c.key(), k -> new LinkedHashMap<>()).put(c.value(), c.count()));
        return out;
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
