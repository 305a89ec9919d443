package org.civicsafety.grid.common;

import org.hibernate.exception.JDBCConnectionException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Classifies an unexpected failure by walking its cause chain (JDBC, Agroal, Hibernate and Jakarta
 * persistence wrap each other freely), so the problem mapper can answer 503 when the database is
 * unreachable and 400 when PostgreSQL refused the request's data, instead of a blanket 500.
 */
public enum FailureKind {
    /** The database cannot be reached right now (restart, failover, pool exhausted): retry soon. */
    DATABASE_UNAVAILABLE,
    /** PostgreSQL refused a value of the request (SQLState class 22, e.g. a NUL character in text). */
    BAD_DATA,
    /** The request body could not be read (e.g. a truncated multipart upload). */
    UNREADABLE_BODY,
    /** Anything else: a genuine server error. */
    INTERNAL;

    public static FailureKind classify(Throwable failure) {
        boolean sawSql = false;
        boolean sawIo = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException) {
                return DATABASE_UNAVAILABLE;
            }
            if (t instanceof SQLException sql) {
                sawSql = true;
                FailureKind kind = ofSql(sql);
                if (kind != null) {
                    return kind;
                }
            }
            if (t instanceof IOException) {
                sawIo = true;
            }
        }
        // an IOException under a SQLException is the driver's broken socket, handled above by its SQLState
        return sawIo && !sawSql ? UNREADABLE_BODY : INTERNAL;
    }

    private static FailureKind ofSql(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return DATABASE_UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state != null) {
            if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                return DATABASE_UNAVAILABLE;
            }
            if (state.startsWith("22")) {
                return BAD_DATA;
            }
        }
        // Agroal signals an exhausted pool with a bare SQLException without SQLState
        String message = e.getMessage();
        if (message != null && message.contains("acquisition timeout")) {
            return DATABASE_UNAVAILABLE;
        }
        return null;
    }
}
