package org.civicsafety.cases.reception;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;

/** The {@code reception_day} table: days are loaded and locked through Panache; lists and statistics are SQL. */
@ApplicationScoped
public class ReceptionDayRepository implements PanacheRepositoryBase<ReceptionDay, UUID> {

    /** The filters of a list, already checked; null means "any". The cursor is the last day's start and id. */
    public record ListQuery(String areaCode, LocalDate from, LocalDate to, OffsetDateTime cursorAt, UUID cursorId,
            int limit) {}

    /** Receptions held (days with anyone received) and people received, per outcome. */
    public record Held(long days, long people, Map<String, Long> byOutcome) {}

    /** Locks the day for a booking or cancellation: its slots are counted and taken under the lock. */
    public Optional<ReceptionDay> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * One page, soonest first (the order of a calendar of coming days). SQL: the area subtree is the GIN index's
     * {@code @>}; the keyset is the day's start instant and id.
     */
    @SuppressWarnings("unchecked")
    public List<ReceptionDay> page(ListQuery f) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (f.areaCode() != null) {
            params.put("areaCode", f.areaCode());
            where.append(" AND d.area_path @> ARRAY[CAST(:areaCode AS text)]");
        }
        if (f.from() != null) {
            params.put("from", f.from());
            where.append(" AND d.day >= :from");
        }
        if (f.to() != null) {
            params.put("to", f.to());
            where.append(" AND d.day <= :to");
        }
        if (f.cursorAt() != null) {
            params.put("cAt", f.cursorAt());
            params.put("cId", f.cursorId());
            where.append(" AND (").append(START).append(", d.id) > (:cAt, :cId)");
        }
        Query q = getEntityManager().createNativeQuery("SELECT d.* FROM reception_day d WHERE " + where
                + " ORDER BY " + START + ", d.id LIMIT " + f.limit(), ReceptionDay.class);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /** The day's start as an instant (days are in Asia/Shanghai). */
    private static final String START = "((d.day + d.start_time) AT TIME ZONE 'Asia/Shanghai')";

    /** SQL: counts over the days and their records in one pass, without loading them. */
    public Held held(String areaCode, String scopeArea, LocalDate from, LocalDate to) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (scopeArea != null) {
            params.put("scopeArea", scopeArea);
            where.append(" AND d.area_path @> ARRAY[CAST(:scopeArea AS text)]");
        }
        if (areaCode != null) {
            params.put("areaCode", areaCode);
            where.append(" AND d.area_path @> ARRAY[CAST(:areaCode AS text)]");
        }
        if (from != null) {
            params.put("from", from);
            where.append(" AND d.day >= :from");
        }
        if (to != null) {
            params.put("to", to);
            where.append(" AND d.day <= :to");
        }
        Query q = getEntityManager().createNativeQuery("""
                SELECT r.outcome AS outcome, count(*) AS people, count(DISTINCT d.id) AS days
                FROM reception_day d JOIN reception_record r ON r.day_id = d.id
                WHERE %s GROUP BY GROUPING SETS ((r.outcome), ()) ORDER BY 1 NULLS FIRST""".formatted(where));
        params.forEach(q::setParameter);
        record Row(String outcome, long people, long days) {}
        List<Row> rows = SqlRow.list(q, r -> new Row(r.string("outcome"), r.lng("people"), r.lng("days")));
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        long days = 0;
        long people = 0;
        for (Row r : rows) {
            if (r.outcome() == null) {
                days = r.days();
                people = r.people();
            } else {
                byOutcome.put(r.outcome(), r.people());
            }
        }
        return new Held(days, people, byOutcome);
    }
}
