package org.civicsafety.assessment.area;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.Db;

import java.util.List;

@ApplicationScoped
public class AreaRepository {
    @Inject
    Db db;

    public Area find(String code) {
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

    /** Upsert unless the stored version is the same or newer. @return true when applied. */
    public boolean upsert(Area a, java.time.Instant occurredAt) {
        return db.update("""
                INSERT INTO area (code, name, level, parent_code, path, population, responsible_unit, version, occurred_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_code = excluded.parent_code, path = excluded.path, population = excluded.population,
                    responsible_unit = excluded.responsible_unit, version = excluded.version,
                    occurred_at = excluded.occurred_at, updated_at = now()
                WHERE area.version < excluded.version
                """, a.code(), a.name(), a.level(), a.parentCode(), a.path(), a.population(), a.responsibleUnit(),
                a.version(), occurredAt) == 1;
    }
}
