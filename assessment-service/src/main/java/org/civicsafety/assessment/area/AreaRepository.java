package org.civicsafety.assessment.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class AreaRepository {
    @Inject
    Db db;

    /** Codes are short printable strings; anything else (e.g. NUL, which PostgreSQL refuses) names no area. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[^\\p{Cntrl}\\s]{1,128}");

    public static boolean isCode(String s) {
        return s != null && CODE.matcher(s).matches();
    }

    public Area find(String code) {
        if (!isCode(code)) return null;
        return db.one("SELECT " + Area.COLUMNS + " FROM area WHERE code = ?", Area::map, code);
    }

    /** Children of a parent; a null parent lists the roots (counties). */
    public List<Area> children(String parentCode) {
        if (parentCode == null) {
            return db.query("SELECT " + Area.COLUMNS + " FROM area WHERE parent_code IS NULL ORDER BY code", Area::map);
        }
        return db.query("SELECT " + Area.COLUMNS + " FROM area WHERE parent_code = ? ORDER BY code", Area::map, parentCode);
    }

    public List<Area> byLevel(String level) {
        return db.query("SELECT " + Area.COLUMNS + " FROM area WHERE level = ? ORDER BY code", Area::map, level);
    }

    /** Upserts unless the stored version is the same or newer, in one JDBC batch. @return the codes applied. */
    public List<String> upsertAll(Collection<AreaEventHandler.AreaUpsert> upserts) {
        List<Object[]> rows = new ArrayList<>();
        for (AreaEventHandler.AreaUpsert u : upserts) {
            Area a = u.area();
            rows.add(new Object[]{a.code(), a.name(), a.level(), a.parentCode(), a.path(), a.population(),
                    a.responsibleUnit(), a.version(), u.occurredAt()});
        }
        int[] counts = db.batch("""
                INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version, occurred_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                    responsible_unit = excluded.responsible_unit, version = excluded.version,
                    occurred_at = excluded.occurred_at, updated_at = now()
                WHERE area.version < excluded.version
                """, rows);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            // Without rewritten batches the driver reports each row's count; be safe if it ever reports "unknown".
            if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) applied.add((String) rows.get(i)[0]);
        }
        return applied;
    }
}
