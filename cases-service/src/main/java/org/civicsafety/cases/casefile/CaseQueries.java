package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Role;

/** Read side: lists with cursor paging, history, the public tracking view and statistics. */
@ApplicationScoped
public class CaseQueries {

    @Inject EntityManager em;

    public record ListItem(UUID id, String number, String channel, String type, String title, String areaCode,
                           String state, String stage, String dueAt, String unitId, CaseApi.Flags flags,
                           UUID repeatOf, UUID mergedInto, CaseApi.BacklogInfo backlog, long version,
                           String createdAt, String updatedAt) { }

    public record Filters(String state, String areaCode, String unitId, String channel, String type,
                          String overdue, String backlog, String from, String to, String q, String limit,
                          String cursor) { }

    public record Stats(String areaCode, String from, String to, long total, Map<String, Long> byState,
                        Map<String, Long> byChannel, Map<String, Long> byType, Double onTimeAcceptanceRate,
                        Double onTimeAnswerRate, Double resolutionRate, Double repeatRate,
                        Double satisfactionRate) { }

    @SuppressWarnings("unchecked")
    public List<CaseApi.HistoryEntry> history(UUID caseId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, at, actor_sub, actor_role, action, from_state, to_state, note
                FROM case_history WHERE case_id = ?1 ORDER BY id""").setParameter(1, caseId).getResultList();
        List<CaseApi.HistoryEntry> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new CaseApi.HistoryEntry(((Number) r[0]).longValue(), Json.time(CaseService.toOdt(r[1])),
                    (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7]));
        }
        return out;
    }

    public CaseApi.TrackView track(String code) {
        String normalized = code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!isTrackingCode(normalized)) {
            // Cannot be any case's code: answered without a query (and a NUL never reaches the database).
            throw ApiException.notFound("no case with this tracking code");
        }
        List<CaseEntity> found = em.createQuery("SELECT c FROM CaseEntity c WHERE c.trackingCode = :code", CaseEntity.class)
                .setParameter("code", normalized).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("no case with this tracking code");
        }
        CaseEntity c = found.get(0);
        CaseEntity earlier = c.repeatOf == null ? null : em.find(CaseEntity.class, c.repeatOf);
        CaseEntity.Stage s = c.currentStage();
        return new CaseApi.TrackView(c.number, c.state, s.name(), Json.time(s.dueAt()), c.unitId, c.decision,
                c.answerText, Json.time(c.registeredAt), Json.time(c.updatedAt),
                earlier == null ? null : CaseService.progress(earlier));
    }

    /** Whether the text has the shape of an issued tracking code (length and alphabet of {@link CaseService}). */
    static boolean isTrackingCode(String code) {
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
    static String areaCode(String value) {
        if (value.isBlank() || value.length() > 64 || hasControl(value)) {
            throw ApiException.badField("areaCode", "not-an-area-code");
        }
        return value;
    }

    /** Control characters cannot be in stored text (PostgreSQL refuses NUL): the filter is bad, named as such. */
    static String plainText(String field, String value) {
        if (hasControl(value)) {
            throw ApiException.badField(field, "control-characters");
        }
        return value;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    public CaseApi.Page<ListItem> list(Filters f, Access.Who who) {
        // The page's ids first, then their rows: the id query can run as an index-only scan of a list
        // index that carries the area paths, so cases outside the area are skipped without reading them.
        StringBuilder sql = new StringBuilder("SELECT * FROM petition_case c WHERE c.id IN (SELECT c.id FROM petition_case c WHERE ");
        Map<String, Object> params = new LinkedHashMap<>();
        sql.append(scope(who, params));
        if (f.state() != null) {
            params.put("state", enumValue("state", f.state(), CaseState.class));
            sql.append(" AND c.state = :state");
        }
        if (f.channel() != null) {
            params.put("channel", enumValue("channel", f.channel(), Enums.Channel.class));
            sql.append(" AND c.channel = :channel");
        }
        if (f.type() != null) {
            params.put("type", enumValue("type", f.type(), Enums.CaseType.class));
            sql.append(" AND c.type = :type");
        }
        if (f.areaCode() != null) {
            params.put("areaCode", areaCode(f.areaCode()));
            sql.append(" AND c.area_path @> ARRAY[CAST(:areaCode AS text)]");
        }
        if (f.unitId() != null) {
            params.put("unitId", plainText("unitId", f.unitId()));
            sql.append(" AND c.unit_id = :unitId");
        }
        if (f.overdue() != null) {
            params.put("overdue", bool("overdue", f.overdue()));
            sql.append(" AND c.overdue = :overdue");
        }
        if (f.backlog() != null) {
            params.put("backlog", bool("backlog", f.backlog()));
            sql.append(" AND c.backlog = :backlog");
        }
        if (f.from() != null) {
            params.put("from", time("from", f.from(), false));
            sql.append(" AND c.created_at >= :from");
        }
        if (f.to() != null) {
            params.put("to", time("to", f.to(), true));
            sql.append(" AND c.created_at < :to");
        }
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 200) {
                throw ApiException.badField("q", "too-long", 200);
            }
            plainText("q", f.q());
            params.put("q", "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND (c.title ILIKE :q OR c.content ILIKE :q OR c.number ILIKE :q)");
        }
        int limit = limit(f.limit());
        if (f.cursor() != null) {
            Object[] cur = decodeCursor(f.cursor());
            params.put("cAt", cur[0]);
            params.put("cId", cur[1]);
            sql.append(" AND (c.created_at, c.id) < (:cAt, :cId)");
        }
        sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT ").append(limit + 1)
                .append(") ORDER BY c.created_at DESC, c.id DESC");
        Query query = em.createNativeQuery(sql.toString(), CaseEntity.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<CaseEntity> rows = query.getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            CaseEntity last = rows.get(limit - 1);
            next = encodeCursor(last.createdAt, last.id);
        }
        return new CaseApi.Page<>(rows.stream().map(CaseQueries::item).toList(), next);
    }

    static ListItem item(CaseEntity c) {
        CaseEntity.Stage s = c.currentStage();
        return new ListItem(c.id, c.number, c.channel, c.type, c.title, c.areaCode, c.state, s.name(),
                Json.time(s.dueAt()), c.unitId,
                new CaseApi.Flags(c.overdue, c.backlog, c.repeat, Enums.CaseType.MISCONDUCT_REPORT.name().equals(c.type), c.hearing),
                c.repeatOf, c.mergedInto,
                c.backlog ? new CaseApi.BacklogInfo(c.backlogReason, c.backlogLeader, c.backlogPlan, c.backlogTargetDate) : null,
                c.version, Json.time(c.createdAt), Json.time(c.updatedAt));
    }

    /** The caller's data scope as SQL (citizen: own; handler: unit; staff: area subtree; admin: all). */
    static String scope(Access.Who who, Map<String, Object> params) {
        if (who.has(Role.ADMIN)) {
            return "TRUE";
        }
        List<String> ors = new ArrayList<>();
        if (who.has(Role.CITIZEN) && who.sub() != null) {
            params.put("sub", who.sub());
            ors.add("c.owner_sub = :sub");
        }
        if (who.has(Role.HANDLER) && who.unit() != null) {
            params.put("unit", who.unit());
            ors.add("c.unit_id = :unit");
        }
        boolean areaStaff = who.has(Role.PETITION_OFFICER) || who.has(Role.SUPERVISOR) || who.has(Role.ANALYST)
                || who.has(Role.GRID_WORKER);
        if (areaStaff && who.area() != null) {
            params.put("scopeArea", who.area());
            // "@>" rather than "= ANY(...)": only the containment operator can use the GIN indexes on the paths.
            ors.add("(c.area_path @> ARRAY[CAST(:scopeArea AS text)] OR c.unit_area_path @> ARRAY[CAST(:scopeArea AS text)])");
        }
        return ors.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ors) + ")";
    }

    @SuppressWarnings("unchecked")
    public Stats stats(String areaCode, String from, String to, Access.Who who) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(scope(who, params));
        if (areaCode != null) {
            params.put("areaCode", areaCode(areaCode));
            where.append(" AND c.area_path @> ARRAY[CAST(:areaCode AS text)]");
        }
        if (from != null) {
            params.put("from", time("from", from, false));
            where.append(" AND c.created_at >= :from");
        }
        if (to != null) {
            params.put("to", time("to", to, true));
            where.append(" AND c.created_at < :to");
        }
        Map<String, Long> byState = group("state", where.toString(), params);
        Map<String, Long> byChannel = group("channel", where.toString(), params);
        Map<String, Long> byType = group("type", where.toString(), params);
        Query q = em.createNativeQuery("""
                SELECT count(*),
                  count(*) FILTER (WHERE c.accepted_at IS NOT NULL),
                  count(*) FILTER (WHERE c.accepted_at IS NOT NULL AND c.accepted_at <= c.acceptance_due_at),
                  count(*) FILTER (WHERE c.answered_at IS NOT NULL),
                  count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.answered_at <= c.handling_due_at),
                  count(*) FILTER (WHERE c.state = 'FINAL'),
                  count(*) FILTER (WHERE c.repeat),
                  (SELECT count(*) FROM case_rating r JOIN petition_case c ON c.id = r.case_id WHERE %s),
                  (SELECT count(*) FROM case_rating r JOIN petition_case c ON c.id = r.case_id WHERE %s
                      AND r.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED'))
                FROM petition_case c WHERE %s""".formatted(where, where, where));
        params.forEach(q::setParameter);
        Object[] r = (Object[]) q.getSingleResult();
        long[] n = new long[r.length];
        for (int i = 0; i < r.length; i++) {
            n[i] = ((Number) r[i]).longValue();
        }
        return new Stats(areaCode, from, to, n[0], byState, byChannel, byType, rate(n[2], n[1]), rate(n[4], n[3]),
                rate(n[5], n[1]), rate(n[6], n[0]), rate(n[8], n[7]));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> group(String column, String where, Map<String, Object> params) {
        Query q = em.createNativeQuery("SELECT c." + column + ", count(*) FROM petition_case c WHERE " + where
                + " GROUP BY 1 ORDER BY 1");
        params.forEach(q::setParameter);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) q.getResultList()) {
            out.put((String) row[0], ((Number) row[1]).longValue());
        }
        return out;
    }

    /** A share from 0 to 1, or null when there is nothing to measure. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    static <E extends Enum<E>> String enumValue(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "unknown-value", java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static boolean bool(String field, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw ApiException.badField(field, "not-a-boolean");
    }

    /** A date (Shanghai day; {@code to} is inclusive of that day) or an ISO timestamp with offset. */
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

    static int limit(String value) {
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

    static String encodeCursor(OffsetDateTime at, UUID id) {
        Instant i = at.toInstant().truncatedTo(ChronoUnit.MICROS);
        String raw = i.getEpochSecond() + ":" + i.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Object[] decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Instant i = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new Object[] {i.atOffset(ZoneOffset.UTC), UUID.fromString(parts[2])};
        } catch (RuntimeException e) {
            throw ApiException.badField("cursor", "not-a-cursor");
        }
    }
}
