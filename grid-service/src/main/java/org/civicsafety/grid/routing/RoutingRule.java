package org.civicsafety.grid.routing;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

/** A row of the routing table (table routing_rule); null fields match anything. {@code version} serves If-Match. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    String categoryCode;
    @Enumerated(EnumType.STRING) Severity severity;
    String areaCode;
    String unit;
    @Enumerated(EnumType.STRING) AreaLevel level;
    int priority;
    long version;

    /** Takes the checked values of a view (all but the id). */
    RoutingRule set(RoutingRuleView v) {
        categoryCode = v.categoryCode();
        severity = v.severity();
        areaCode = v.areaCode();
        unit = v.unitId();
        level = v.level();
        priority = v.priority();
        version = v.version();
        return this;
    }

    RoutingRuleView view() {
        return new RoutingRuleView(id, categoryCode, severity, areaCode, unit, level, priority, version);
    }
}
