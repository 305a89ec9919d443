package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the handling unit. Rules match on category, severity and area subtree (null = any); the
 * most specific match wins (deepest area, then category, then severity). A rule may pin the level.
 * Without a match, the responsibleUnit of the incident's area at the handling level is used.
 */
public final class Routing {
    public record Rule(long id, String categoryCode, Severity severity, String areaCode, String unit,
            AreaLevel level) {
    }

    public record Route(String unit, AreaLevel level, Long ruleId) {
    }

    private Routing() {
    }

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
                        .thenComparing(Rule::id, Comparator.reverseOrder()));
    }

    /**
     * @param unitsByLevel responsibleUnit of the area at each level of the path (may contain nulls)
     */
    public static Route route(List<Rule> rules, String categoryCode, Severity severity, List<String> path,
            AreaLevel level, java.util.function.Function<AreaLevel, String> unitsByLevel) {
        Optional<Rule> rule = match(rules, categoryCode, severity, path, level);
        if (rule.isPresent()) {
            return new Route(rule.get().unit(), level, rule.get().id());
        }
        return new Route(unitsByLevel.apply(level), level, null);
    }
}
