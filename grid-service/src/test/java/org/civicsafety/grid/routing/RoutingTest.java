package org.civicsafety.grid.routing;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Plain unit tests (no Quarkus) of choosing the rule: the most specific one wins. */
class RoutingTest {
    static final List<String> PATH = List.of("C", "C-T", "C-T-V", "C-T-V-G");
    static final Map<AreaLevel, String> UNITS = Map.of(AreaLevel.VILLAGE, "village-unit", AreaLevel.TOWNSHIP,
            "township-unit", AreaLevel.COUNTY, "county-unit");

    static Routing.Rule rule(long id, String category, Severity severity, String area, AreaLevel level,
            int priority) {
        return new Routing.Rule(id, category, severity, area, "unit-" + id, level, priority);
    }

    static String unit(List<Routing.Rule> rules, String category, Severity severity, AreaLevel level) {
        return Routing.route(rules, category, severity, PATH, level, UNITS::get).unit();
    }

    @Test
    void deeperAreaBeatsCategorySeverityAndPriority() {
        List<Routing.Rule> rules = List.of(
                rule(1, "FIRE_HAZARD", Severity.SERIOUS, "C", AreaLevel.TOWNSHIP, 100),
                rule(2, null, null, "C-T", null, 0));
        assertEquals("unit-2", unit(rules, "FIRE_HAZARD", Severity.SERIOUS, AreaLevel.TOWNSHIP));
    }

    @Test
    void thenCategoryThenSeverityThenLevelThenPriority() {
        List<Routing.Rule> rules = List.of(
                rule(1, null, Severity.SERIOUS, "C-T", AreaLevel.TOWNSHIP, 100),
                rule(2, "FIRE_HAZARD", null, "C-T", null, 0));
        assertEquals("unit-2", unit(rules, "FIRE_HAZARD", Severity.SERIOUS, AreaLevel.TOWNSHIP),
                "a set category beats a set severity");
        rules = List.of(
                rule(1, "FIRE_HAZARD", null, "C-T", AreaLevel.TOWNSHIP, 100),
                rule(2, "FIRE_HAZARD", Severity.SERIOUS, "C-T", null, 0));
        assertEquals("unit-2", unit(rules, "FIRE_HAZARD", Severity.SERIOUS, AreaLevel.TOWNSHIP),
                "a set severity beats a set level and a higher priority");
        rules = List.of(
                rule(1, "FIRE_HAZARD", Severity.SERIOUS, "C-T", null, 100),
                rule(2, "FIRE_HAZARD", Severity.SERIOUS, "C-T", AreaLevel.TOWNSHIP, 0));
        assertEquals("unit-2", unit(rules, "FIRE_HAZARD", Severity.SERIOUS, AreaLevel.TOWNSHIP),
                "a set level beats a higher priority");
        rules = List.of(
                rule(1, "FIRE_HAZARD", null, "C-T", null, 1),
                rule(2, "FIRE_HAZARD", null, "C-T", null, 5),
                rule(3, "FIRE_HAZARD", null, "C-T", null, 5));
        assertEquals("unit-2", unit(rules, "FIRE_HAZARD", Severity.SERIOUS, AreaLevel.TOWNSHIP),
                "the higher priority wins; of equals the older rule");
    }

    @Test
    void rulesThatDoNotMatchAreIgnoredAndTheAreaUnitIsTheDefault() {
        List<Routing.Rule> rules = List.of(
                rule(1, "GAS_LEAK", null, null, null, 0),
                rule(2, null, Severity.CRITICAL, null, null, 0),
                rule(3, null, null, "ELSEWHERE", null, 0),
                rule(4, null, null, "C-T-V", AreaLevel.COUNTY, 0));
        Routing.Route route = Routing.route(rules, "FIRE_HAZARD", Severity.GENERAL, PATH, AreaLevel.VILLAGE,
                UNITS::get);
        assertEquals("village-unit", route.unit());
        assertNull(route.ruleId());
        assertEquals(AreaLevel.VILLAGE, route.level());
        Routing.Route ruled = Routing.route(rules, "GAS_LEAK", Severity.GENERAL, PATH, AreaLevel.VILLAGE,
                UNITS::get);
        assertEquals("unit-1", ruled.unit());
        assertEquals(1L, ruled.ruleId());
    }
}
