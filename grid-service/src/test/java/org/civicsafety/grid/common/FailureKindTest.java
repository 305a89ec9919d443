package org.civicsafety.grid.common;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureKindTest {

    @Test
    void adminShutdownWrappedByJdbcHelperIsUnavailable() {
        SQLException fatal = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertEquals(FailureKind.DATABASE_UNAVAILABLE,
                FailureKind.classify(new IllegalStateException("update failed", fatal)));
    }

    @Test
    void crashShutdownAndStartingUpAreUnavailable() {
        assertEquals(FailureKind.DATABASE_UNAVAILABLE, FailureKind.classify(new SQLException("x", "57P02")));
        assertEquals(FailureKind.DATABASE_UNAVAILABLE,
                FailureKind.classify(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void connectionClassSqlStatesAreUnavailableEvenWithSocketCause() {
        PSQLException refused = new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new IOException("Connection refused"));
        assertEquals(FailureKind.DATABASE_UNAVAILABLE, FailureKind.classify(refused));
        PSQLException broken = new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE, new EOFException());
        assertEquals(FailureKind.DATABASE_UNAVAILABLE, FailureKind.classify(new RuntimeException(broken)));
    }

    @Test
    void agroalAcquisitionTimeoutIsUnavailable() {
        assertEquals(FailureKind.DATABASE_UNAVAILABLE,
                FailureKind.classify(new IllegalStateException(new SQLException("Sorry, acquisition timeout!"))));
        assertEquals(FailureKind.DATABASE_UNAVAILABLE,
                FailureKind.classify(new SQLTransientConnectionException("pool")));
    }

    @Test
    void hibernateAndJakartaPersistenceWrappersAreWalked() {
        JDBCConnectionException hibernate = new JDBCConnectionException("could not connect",
                new SQLException("no SQLState"));
        assertEquals(FailureKind.DATABASE_UNAVAILABLE, FailureKind.classify(hibernate));
        PersistenceException jakarta = new PersistenceException("tx failed",
                new RuntimeException(new SQLException("gone", "08006")));
        assertEquals(FailureKind.DATABASE_UNAVAILABLE, FailureKind.classify(jakarta));
    }

    @Test
    void dataExceptionsAreBadData() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        assertEquals(FailureKind.BAD_DATA, FailureKind.classify(new IllegalStateException("query failed", nul)));
        assertEquals(FailureKind.BAD_DATA, FailureKind.classify(new SQLException("out of range", "22003")));
    }

    @Test
    void bareIoFailureIsUnreadableBody() {
        assertEquals(FailureKind.UNREADABLE_BODY,
                FailureKind.classify(new IOException("Connection terminated parsing multipart request")));
    }

    @Test
    void otherFailuresStayInternal() {
        assertEquals(FailureKind.INTERNAL, FailureKind.classify(new IllegalStateException("bug")));
        assertEquals(FailureKind.INTERNAL, FailureKind.classify(new SQLException("duplicate key", "23505")));
        assertEquals(FailureKind.INTERNAL, FailureKind.classify(new SQLException("deadlock", "40P01")));
        Throwable cyclic = new RuntimeException("a");
        Throwable other = new RuntimeException("b", cyclic);
        cyclic.initCause(other);
        assertEquals(FailureKind.INTERNAL, FailureKind.classify(cyclic));
    }
}
