package org.civicsafety.grid.common;

import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

import java.util.Collection;
import java.util.List;

/**
 * Native SQL through the ORM session (so it joins the caller's transaction and sees its unflushed writes after a
 * flush), for what SQL does better: PostGIS, locks, keyset paging, grouping sets. Rows are read by {@link SqlRow}.
 */
public final class NativeQueries {
    private NativeQueries() {}

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
}
