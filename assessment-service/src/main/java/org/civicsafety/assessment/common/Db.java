package org.civicsafety.assessment.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Thin JDBC helper. Callers run inside a JTA transaction (@Transactional / QuarkusTransaction), so the
 * connection obtained here is enlisted and every statement of one unit of work commits together.
 */
@ApplicationScoped
public class Db {
    @Inject
    AgroalDataSource ds;

    @FunctionalInterface
    public interface RowMapper<T> { T map(ResultSet rs) throws SQLException; }

    public int update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    /** One statement executed for many parameter rows in a single round trip; returns each row's update count. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) return new int[0];
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(c, ps, args);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new DbException(e);
        }
    }

    public <T> T one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> l = query(sql, mapper, args);
        return l.isEmpty() ? null : l.get(0);
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof String[] arr) {
                ps.setArray(i + 1, c.createArrayOf("text", arr));
            } else if (a instanceof Long[] arr) {
                ps.setArray(i + 1, c.createArrayOf("int8", arr));
            } else if (a instanceof Double[] arr) {
                ps.setArray(i + 1, c.createArrayOf("float8", arr));
            } else if (a instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else if (a instanceof OffsetDateTime t) {
                ps.setObject(i + 1, t);
            } else if (a instanceof LocalDate d) {
                ps.setObject(i + 1, d);
            } else if (a instanceof Json j) {
                ps.setObject(i + 1, j.text(), java.sql.Types.OTHER);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    public static String[] strings(ResultSet rs, String col) throws SQLException {
        Array a = rs.getArray(col);
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    public static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** Marks a parameter as jsonb text. */
    public record Json(String text) {}

    public static class DbException extends RuntimeException {
        public DbException(SQLException e) { super(e); }
    }
}
