package org.civicsafety.assessment.indicator;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class IndicatorTest {
    @Test
    void theTableIsTheSpecsI1ToI12WithWeightsTotalling100() {
        assertEquals(List.of("I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "I10", "I11", "I12"),
                Indicator.ids());
        assertEquals(100, Arrays.stream(Indicator.values()).mapToDouble(Indicator::defaultWeight).sum(), 1e-9);
        // the new default model's weights (assessment.md, mediation.md)
        assertEquals(List.of(18.0, 7.0, 6.0, 9.0, 7.0, 6.0, 5.0, 5.0, 18.0, 9.0, 5.0, 5.0),
                Arrays.stream(Indicator.values()).map(Indicator::defaultWeight).toList());
        assertEquals(Set.of(Indicator.I1, Indicator.I3, Indicator.I5, Indicator.I6), Arrays.stream(Indicator.values())
                .filter(i -> i.direction() == Indicator.Direction.LOWER_IS_BETTER).collect(Collectors.toSet()));
        assertEquals(List.of(Indicator.I9, Indicator.I10), Indicator.ofKind(Indicator.Kind.SURVEY));
        for (Indicator i : Indicator.values()) {
            assertFalse(i.label(true).isBlank(), i + " en");
            assertFalse(i.label(false).isBlank(), i + " zh");
            if (i.usesGoalposts())
                assertTrue(i.defaultUpper() > i.defaultLower(), i + " goalposts");
        }
    }

    /** Every counter a formula names is one the flow handlers keep (declared in Counters), and only proportions name any. */
    @Test
    void formulasNameDeclaredCounters() throws IllegalAccessException {
        Set<Object> declared = new java.util.HashSet<>();
        for (Field f : Counters.class.getFields())
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                declared.add(f.get(null));
        for (Indicator i : Indicator.values()) {
            Indicator.Formula f = i.formula();
            boolean proportion = i.kind() == Indicator.Kind.PROPORTION;
            assertEquals(proportion, !f.numerator().isEmpty() && !f.denominator().isEmpty(), i + " counters");
            f.numerator().forEach(c -> assertTrue(declared.contains(c), i + " numerator " + c));
            f.denominator().forEach(c -> assertTrue(declared.contains(c), i + " denominator " + c));
        }
    }

    @Test
    void ratiosSumTheirNamedCounters() {
        Map<String, Double> c = Map.of(Counters.CASE_DEADLINE_MET, 9.0, Counters.CASE_OVERDUE, 1.0);
        assertEquals(new Indicator.Ratio(1, 10), Indicator.I5.ratio(c)); // overdue / (met + overdue)
        assertEquals(new Indicator.Ratio(0, 0), Indicator.I2.ratio(Map.of())); // absent counters are 0
        assertThrows(IllegalStateException.class, () -> Indicator.I9.ratio(c));
    }
}
