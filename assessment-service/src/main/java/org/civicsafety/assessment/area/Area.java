package org.civicsafety.assessment.area;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.civicsafety.assessment.common.Db;

/** An area as known from grid-service's area events. */
public record Area(String code, String name, String level, String parentCode, String[] path, Long population,
                   String responsibleUnit, long version) {

    static final String COLUMNS = "code, name, level, parent_code, path, population, responsible_unit, version";

    static Area map(ResultSet rs) throws SQLException {
        return new Area(rs.getString("code"), rs.getString("name"), rs.getString("level"), rs.getString("parent_code"),
                Db.strings(rs, "path"), Db.nullableLong(rs, "population"), rs.getString("responsible_unit"),
                rs.getLong("version"));
    }
}
