package org.civicsafety.grid.routing;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the handling unit. A rule matches on category, severity, area subtree and handling level (null =
 * any). Of the matching rules the most specific wins: the deepest area, then a set category, then a set
 * severity, then a set level, then the higher priority; the oldest rule (lowest id) settles a full tie.
 * Without a match, the responsibleUnit of the incident's area at the handling level is used.
 */
public final class Routing {
    public record Rule(long id, String categoryCode, Severity severity, String areaCode, String unit,
            AreaLevel level, int priority) {}

    public record Route(String unit, AreaLevel level, Long ruleId) {}

    private Routing() {}

    /** @param path the incident's area codes, county first (a rule's area matches when it is on it) */
    public static Optional<Rule> match(List<Rule> rules, String categoryCode, Severity severity, List<String> path,
            AreaLevel level) {
        return rules.stream()
                .filter(r -> r.categoryCode() == null || r.categoryCode().equals(categoryCode))
                .filter(r -> r.severity() == null || r.severity() == severity)
                .filter(r -> r.areaCode() == null || path.contains(r.areaCode()))
                .filter(r -> r.level() == null || r.level() == level)
                .max(Comparator.<Rule>comparingInt(r -> r.areaCode() == null ? -1 : path.indexOf(r.areaCode()))
                        .thenComparing(r -> r.categoryCode() != null)
                        .thenComparing(r -> r.severity() != null)
                        .thenComparing(r -> r.level() != null)
                        .thenComparingInt(Rule::priority)
                        .thenComparing(Rule::id, Comparator.reverseOrder()));
    }

    /**
     * @param unitsByLevel responsibleUnit of the area at each level of the path (may return null)
     */
    public static Route route(List<Rule> rules, String categoryCode, Severity severity, List<String> path,
            AreaLevel level, Function<AreaLevel, String> unitsByLevel) {
        Optional<Rule> rule = match(rules, categoryCode, severity, path, level);
        if (rule.isPresent()) {
            return new Route(rule.get().unit(), level, rule.get().id());
        }
        return new Route(unitsByLevel.apply(level), level, null);
    }
}
