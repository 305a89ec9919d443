package org.civicsafety.grid.routing;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /routing-rules and PUT /routing-rules/{id}. {@code categoryCode}, {@code severity},
 * {@code areaCode} (root of the area subtree) and {@code level} (the handling level the rule applies at) are
 * null for "any"; {@code unitId} is required; {@code priority} (default 0, higher wins) only decides between
 * equally specific rules.
 */
@Schema(name = "RoutingRuleRequest", description = "A routing rule; a field left out (or null) matches anything")
public record RoutingRuleRequest(
        @Schema(nullable = true, description = "The category it routes; any when null") String categoryCode,
        @Schema(nullable = true, description = "The severity it routes; any when null") Severity severity,
        @Schema(nullable = true, description = "The root of the area subtree it routes; the whole territory when null") String areaCode,
        @Schema(required = true, description = "The unit that gets the incidents") String unitId,
        @Schema(nullable = true, description = "The handling level it applies at; any when null") AreaLevel level,
        @Schema(description = "Decides between equally specific rules, higher wins (default 0)") Integer priority) {}
