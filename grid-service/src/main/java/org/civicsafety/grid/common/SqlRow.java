package org.civicsafety.grid.common;

import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One row of a native query run through the ORM session, read by column name: repositories map it to their
 * records in one place, whichever Java types the driver hands back for a column (timestamps, numbers, arrays).
 */
public final class SqlRow {
    private final String[] columns;
    private final Object[] values;

    private SqlRow(String[] columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    /** The rows of a native query, each mapped to a record. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Query query, Function<SqlRow, T> mapper) {
        NativeQuery<T> q = query.unwrap(NativeQuery.class);
        q.setTupleTransformer((tuple, aliases) -> mapper.apply(new SqlRow(aliases, tuple)));
        return q.getResultList();
    }

    /** The first row, or null (the statement limits itself: a row limit would be appended to DML and locking SQL). */
    public static <T> T first(Query query, Function<SqlRow, T> mapper) {
        List<T> rows = list(query, mapper);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Object get(String column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equalsIgnoreCase(column))
                return values[i];
        }
        throw new IllegalArgumentException("no column " + column);
    }

    public String string(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    public Double nullableDouble(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public double dbl(String column) {
        Double v = nullableDouble(column);
        return v == null ? 0 : v;
    }

    public Integer nullableInt(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).intValue();
    }

    public int integer(String column) {
        Integer v = nullableInt(column);
        return v == null ? 0 : v;
    }

    public Long nullableLong(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    public long lng(String column) {
        Long v = nullableLong(column);
        return v == null ? 0 : v;
    }

    public boolean bool(String column) {
        return Boolean.TRUE.equals(get(column));
    }

    public Boolean nullableBool(String column) {
        return (Boolean) get(column);
    }

    public UUID uuid(String column) {
        Object v = get(column);
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    public Instant instant(String column) {
        Object v = get(column);
        if (v == null)
            return null;
        if (v instanceof Instant i)
            return i;
        if (v instanceof OffsetDateTime t)
            return t.toInstant();
        if (v instanceof Timestamp t)
            return t.toInstant();
        throw new IllegalStateException("column " + column + " is not a timestamp: " + v.getClass().getSimpleName());
    }

    public OffsetDateTime offsetDateTime(String column) {
        Object v = get(column);
        if (v == null || v instanceof OffsetDateTime)
            return (OffsetDateTime) v;
        return instant(column).atOffset(java.time.ZoneOffset.UTC);
    }

    public String[] strings(String column) {
        Object v = get(column);
        try {
            if (v instanceof Array a)
                v = a.getArray();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (v == null)
            return new String[0];
        if (v instanceof String[] s)
            return s;
        Object[] o = (Object[]) v;
        String[] out = new String[o.length];
        for (int i = 0; i < o.length; i++)
            out[i] = o[i] == null ? null : o[i].toString();
        return out;
    }
}
