package org.civicsafety.grid.routing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.NativeQueries;
import org.hibernate.jpa.HibernateHints;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing table. Never cached: every report reads the rules that could match it, so a change applies to
 * the next report on every instance.
 */
@ApplicationScoped
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, Long> {
    /**
     * Rules that can route incidents inside an area (both parameters: its code): territory-wide ones, those of
     * the area and its ancestors, and those of areas below it.
     */
    private static final String IN_AREA = " AND (r.area_code IS NULL"
            + " OR r.area_code IN (SELECT a.code FROM area a WHERE a.path @> ARRAY[?::text])"
            + " OR r.area_code IN (SELECT unnest(a.path) FROM area a WHERE a.code = ?))";

    /** The rules that could match a report of this category and severity in the area {@code path}. */
    @SuppressWarnings("unchecked")
    public List<Routing.Rule> candidates(String categoryCode, Severity severity, List<String> path) {
        // SQL: runs on every report; the path as one array parameter keeps this a single prepared plan (an HQL
        // IN over a list is re-interpreted for every list length)
        // read-only: the rows only feed the routing choice, so the session keeps no snapshots to check at flush
        List<RoutingRule> rows = NativeQueries
                .bind(getEntityManager().createNativeQuery("SELECT r.* FROM routing_rule r"
                        + " WHERE (r.category_code IS NULL OR r.category_code = ?) AND (r.severity IS NULL OR r.severity = ?)"
                        + " AND (r.area_code IS NULL OR r.area_code = ANY(?))", RoutingRule.class),
                        List.of(categoryCode, severity.name(), path))
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        return rows.stream().map(r -> r.view().rule()).toList();
    }

    public Optional<RoutingRuleView> find(long id, boolean forUpdate) {
        return (forUpdate ? findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE) : findByIdOptional(id))
                .map(RoutingRule::view);
    }

    /** A rule that can route incidents inside {@code area}. */
    public Optional<RoutingRuleView> findInArea(long id, String area) {
        // SQL: area subtree by array containment on area.path
        return rules("SELECT r.* FROM routing_rule r WHERE r.id = ?" + IN_AREA, List.of(id, area, area)).stream()
                .findFirst();
    }

    /**
     * Newest first, after the rule {@code beforeId} (a cursor).
     *
     * @param area null for all rules, else only those that can route incidents inside this area
     */
    public List<RoutingRuleView> list(String area, Long beforeId, int limit) {
        // SQL: area subtree by array containment on area.path, keyset paging
        StringBuilder sql = new StringBuilder("SELECT r.* FROM routing_rule r WHERE TRUE");
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
        sql.append(" ORDER BY r.id DESC LIMIT ?");
        args.add(limit);
        return rules(sql.toString(), args);
    }

    public long insert(RoutingRuleView r) {
        RoutingRule rule = new RoutingRule().set(r);
        persist(rule);
        return rule.id;
    }

    /** Writes a checked rule over the stored one (locked by the caller). */
    public void update(RoutingRuleView r) {
        findById(r.id()).set(r);
    }

    public void delete(long id) {
        deleteById(id);
    }

    @SuppressWarnings("unchecked")
    private List<RoutingRuleView> rules(String sql, List<Object> args) {
        List<RoutingRule> rows = NativeQueries.bind(getEntityManager().createNativeQuery(sql, RoutingRule.class), args)
                .getResultList();
        return rows.stream().map(RoutingRule::view).toList();
    }
}
