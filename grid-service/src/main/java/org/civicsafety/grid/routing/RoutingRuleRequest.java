package org.civicsafety.grid.routing;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

/**
 * Body of POST /routing-rules and PUT /routing-rules/{id}. {@code categoryCode}, {@code severity},
 * {@code areaCode} (root of the area subtree) and {@code level} (the handling level the rule applies at) are
 * null for "any"; {@code unitId} is required; {@code priority} (default 0, higher wins) only decides between
 * equally specific rules.
 */
public record RoutingRuleRequest(String categoryCode, Severity severity, String areaCode, String unitId,
        AreaLevel level, Integer priority) {}
