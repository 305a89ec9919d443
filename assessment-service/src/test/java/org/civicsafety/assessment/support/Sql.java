package org.civicsafety.assessment.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on the service's database, for tests that look at (or clear) tables the API does not show. */
@ApplicationScoped
public class Sql {
    @Inject AgroalDataSource ds;

    /** The single number a `SELECT count(*) …` returns. */
    public long count(String sql, Object... args) throws SQLException {
        try (Connection con = ds.getConnection();
                PreparedStatement ps = prepare(con, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String sql, Object... args) throws SQLException {
        try (Connection con = ds.getConnection(); PreparedStatement ps = prepare(con, sql, args)) {
            ps.execute();
        }
    }

    private static PreparedStatement prepare(Connection con, String sql, Object... args) throws SQLException {
        PreparedStatement ps = con.prepareStatement(sql);
        for (int i = 0; i < args.length; i++)
            ps.setObject(i + 1, args[i]);
        return ps;
    }
}
