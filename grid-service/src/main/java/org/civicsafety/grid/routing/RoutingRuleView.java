package org.civicsafety.grid.routing;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A routing rule as the API shows it; null fields match anything. ETag = version. */
@Schema(name = "RoutingRule", description = "A routing rule; null fields match anything")
public record RoutingRuleView(long id, @Schema(nullable = true) String categoryCode,
        @Schema(nullable = true) Severity severity,
        @Schema(nullable = true) String areaCode, String unitId, @Schema(nullable = true) AreaLevel level, int priority,
        long version) {

    Routing.Rule rule() {
        return new Routing.Rule(id, categoryCode, severity, areaCode, unitId, level, priority);
    }
}
