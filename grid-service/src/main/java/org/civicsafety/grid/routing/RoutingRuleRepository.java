package org.civicsafety.grid.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.category.Severity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing table. Never cached: every report reads the rules that could match it, so a change applies to
 * the next report on every instance.
 */
@ApplicationScoped
public class RoutingRuleRepository {
    private static final String COLUMNS = "r.id, r.category_code, r.severity, r.area_code, r.unit, r.level,"
            + " r.priority, r.version";

    /**
     * Rules that can route incidents inside an area (both parameters: its code): territory-wide ones, those of
     * the area and its ancestors, and those of areas below it.
     */
    private static final String IN_AREA = " AND (r.area_code IS NULL"
            + " OR r.area_code IN (SELECT a.code FROM area a WHERE a.path @> ARRAY[?::text])"
            + " OR r.area_code IN (SELECT unnest(a.path) FROM area a WHERE a.code = ?))";

    @Inject
    Jdbc jdbc;

    /** The rules that could match a report of this category and severity in the area {@code path}. */
    public List<Routing.Rule> candidates(String categoryCode, Severity severity, List<String> path) {
        return jdbc.query("SELECT " + COLUMNS + " FROM routing_rule r"
                + " WHERE (r.category_code IS NULL OR r.category_code = ?) AND (r.severity IS NULL OR r.severity = ?)"
                + " AND (r.area_code IS NULL OR r.area_code = ANY(?))",
                rs -> map(rs).rule(), categoryCode, severity, path);
    }

    public Optional<RoutingRuleView> find(long id, boolean forUpdate) {
        return jdbc.one("SELECT " + COLUMNS + " FROM routing_rule r WHERE r.id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                RoutingRuleRepository::map, id);
    }

    /** A rule that can route incidents inside {@code area}. */
    public Optional<RoutingRuleView> findInArea(long id, String area) {
        return jdbc.one("SELECT " + COLUMNS + " FROM routing_rule r WHERE r.id = ?" + IN_AREA,
                RoutingRuleRepository::map, id, area, area);
    }

    /**
     * Newest first, after the rule {@code beforeId} (a cursor).
     *
     * @param area null for all rules, else only those that can route incidents inside this area
     */
    public List<RoutingRuleView> list(String area, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM routing_rule r WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (area != null) {
            sql.append(IN_AREA);
            args.add(area);
            args.add(area);
        }
        if (beforeId != null) {
            sql.append(" AND r.id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY r.id DESC LIMIT ").append(limit);
        return jdbc.query(sql.toString(), RoutingRuleRepository::map, args.toArray());
    }

    public long insert(RoutingRuleView r) {
        return jdbc.one("INSERT INTO routing_rule (category_code, severity, area_code, unit, level, priority, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), r.categoryCode(), r.severity(),
                r.areaCode(), r.unitId(), r.level(), r.priority(), r.version()).orElseThrow();
    }

    public void update(RoutingRuleView r) {
        jdbc.update("UPDATE routing_rule SET category_code = ?, severity = ?, area_code = ?, unit = ?, level = ?,"
                + " priority = ?, version = ? WHERE id = ?", r.categoryCode(), r.severity(), r.areaCode(), r.unitId(),
                r.level(), r.priority(), r.version(), r.id());
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM routing_rule WHERE id = ?", id);
    }

    private static RoutingRuleView map(ResultSet rs) throws SQLException {
        return new RoutingRuleView(rs.getLong(1), rs.getString(2),
                rs.getString(3) == null ? null : Severity.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6) == null ? null : AreaLevel.valueOf(rs.getString(6)), rs.getInt(7), rs.getLong(8));
    }
}
