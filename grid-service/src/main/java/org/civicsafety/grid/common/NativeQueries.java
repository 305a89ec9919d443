package org.civicsafety.grid.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Native SQL through the ORM session (so it joins the caller's transaction and sees its unflushed writes after a
 * flush), for what SQL does better: PostGIS, locks, keyset paging, grouping sets. Rows are mapped to records.
 */
public final class NativeQueries {
    private NativeQueries() {}

    /** The rows of a native query, each mapped to a record from its column values in select order. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> rows(EntityManager em, String sql, List<?> args, Function<Object[], T> mapper) {
        NativeQuery<T> q = bind(em.createNativeQuery(sql), args).unwrap(NativeQuery.class);
        return q.setTupleTransformer((tuple, aliases) -> mapper.apply(tuple)).getResultList();
    }

    /** Binds positional parameters; collections as SQL text arrays, arrays as SQL arrays (not one value each). */
    @SuppressWarnings("unchecked")
    public static Query bind(Query query, List<?> args) {
        NativeQuery<?> q = query.unwrap(NativeQuery.class);
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Collection<?> c) {
                q.setParameter(i + 1, c.stream().map(o -> o == null ? null : o.toString()).toArray(String[]::new),
                        String[].class);
            } else if (a instanceof Object[] array) {
                q.setParameter(i + 1, array, (Class<Object[]>) array.getClass());
            } else {
                q.setParameter(i + 1, a);
            }
        }
        return query;
    }

    /** A timestamptz column value as the driver hands it to a native query, in UTC. */
    public static OffsetDateTime time(Object v) {
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        Instant at = v instanceof Timestamp ts ? ts.toInstant() : (Instant) v;
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** A text[] column value. */
    public static List<String> texts(Object v) {
        try {
            return v == null ? null : Arrays.asList((String[]) (v instanceof Array a ? a.getArray() : v));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count or other integer column value. */
    public static long number(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }
}
