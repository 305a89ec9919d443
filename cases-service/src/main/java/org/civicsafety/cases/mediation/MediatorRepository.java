package org.civicsafety.cases.mediation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code mediator} table: entries loaded, locked and saved through Panache; the list page in SQL (keyset). */
@ApplicationScoped
public class MediatorRepository implements PanacheRepositoryBase<MediatorEntity, UUID> {

    /** The list filters, checked; null means any. {@code scopeArea}: the caller's area (null: everything). */
    record ListQuery(String scopeArea, String areaCode, Boolean active, String q, OffsetDateTime cursorAt,
            UUID cursorId, int limit) {}

    Optional<MediatorEntity> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** SQL: a keyset page, newest first, over the area paths' GIN index. */
    @SuppressWarnings("unchecked")
    List<MediatorEntity> page(ListQuery f) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (f.scopeArea() != null) {
            params.put("scope", f.scopeArea());
            where.append(" AND m.area_path @> ARRAY[CAST(:scope AS text)]");
        }
        if (f.areaCode() != null) {
            params.put("area", f.areaCode());
            where.append(" AND m.area_path @> ARRAY[CAST(:area AS text)]");
        }
        if (f.active() != null) {
            where.append(f.active() ? " AND m.active" : " AND NOT m.active");
        }
        if (f.q() != null) {
            params.put("q", f.q());
            where.append(" AND (m.name ILIKE :q OR m.committee ILIKE :q)");
        }
        if (f.cursorAt() != null) {
            params.put("cAt", f.cursorAt());
            params.put("cId", f.cursorId());
            where.append(" AND (m.created_at, m.id) < (:cAt, :cId)");
        }
        Query query = getEntityManager().createNativeQuery("SELECT * FROM mediator m WHERE " + where
                + " ORDER BY m.created_at DESC, m.id DESC LIMIT " + f.limit(), MediatorEntity.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    List<MediatorEntity> byIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }
}
