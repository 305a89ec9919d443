package org.civicsafety.assessment.risk;

import org.civicsafety.assessment.risk.RiskRules.Dimension;
import org.civicsafety.assessment.risk.RiskRules.Level;
import org.civicsafety.assessment.risk.RiskRules.Rated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.civicsafety.assessment.risk.RiskRules.Decision.*;
import static org.civicsafety.assessment.risk.RiskRules.Level.*;
import static org.junit.jupiter.api.Assertions.*;

class RiskRulesTest {

    @Test
    void everyCellOfTheMatrix() {
        // rows L5 → L1, columns C1 → C5, exactly as in the spec
        String[] rows = {"MMHHH", "LMMHH", "LMMMH", "LLMMH", "LLLLM"};
        for (int i = 0; i < 5; i++) {
            int l = 5 - i;
            for (int c = 1; c <= 5; c++) {
                Level expected = switch (rows[i].charAt(c - 1)) {
                    case 'L' -> LOW;
                    case 'M' -> MEDIUM;
                    default -> HIGH;
                };
                assertEquals(expected, RiskRules.factorLevel(l, c), "L" + l + " C" + c);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RiskRules.factorLevel(0, 3));
        assertThrows(IllegalArgumentException.class, () -> RiskRules.factorLevel(3, 6));
    }

    static Rated f(Dimension d, int l, int c) {
        return new Rated("f" + l + c, d, l, c);
    }

    static Rated f(int l, int c) {
        return f(Dimension.FEASIBILITY, l, c);
    }

    @Test
    void overallLevelRule() {
        assertEquals(HIGH, RiskRules.overall(List.of(f(1, 1), f(5, 3)), null).level(), "one high factor");
        List<Rated> fourMedium = List.of(f(2, 3), f(2, 4), f(3, 2), f(3, 3));
        assertEquals(HIGH, RiskRules.overall(fourMedium, null).level(), "four medium factors");
        assertEquals(MEDIUM, RiskRules.overall(fourMedium.subList(0, 3), null).level(), "three medium factors");
        assertEquals(LOW, RiskRules.overall(List.of(f(1, 1), f(2, 2)), null).level());
        assertEquals(LOW, RiskRules.overall(List.of(), null).level());
        // opposition: > 50 high; 20..50 inclusive medium; below 20 no effect
        assertEquals(HIGH, RiskRules.overall(List.of(f(1, 1)), 50.5).level());
        assertEquals(MEDIUM, RiskRules.overall(List.of(f(1, 1)), 50.0).level());
        assertEquals(MEDIUM, RiskRules.overall(List.of(f(1, 1)), 20.0).level());
        assertEquals(LOW, RiskRules.overall(List.of(f(1, 1)), 19.9).level());
        assertTrue(RiskRules.overall(List.of(f(1, 1)), 60.0).reasons().get(0).contains("opposition 60 %"));
    }

    @Test
    void decisionRule() {
        assertEquals(PROCEED, RiskRules.decide(LOW, List.of(f(1, 1))).decision());
        assertEquals(POSTPONE, RiskRules.decide(MEDIUM, List.of(f(3, 3))).decision());
        assertEquals(DO_NOT_PROCEED, RiskRules.decide(HIGH, List.of(f(5, 5))).decision());
        // legality gate: residual likelihood ≥ 3 on a LEGALITY factor forbids even a LOW residual level
        RiskRules.DecisionResult gate = RiskRules.decide(LOW, List.of(f(Dimension.LEGALITY, 3, 1)));
        assertEquals(DO_NOT_PROCEED, gate.decision());
        assertTrue(gate.legalityGate());
        assertEquals(PROCEED, RiskRules.decide(LOW, List.of(f(Dimension.LEGALITY, 2, 1))).decision(),
                "L2 passes the gate");
        assertFalse(RiskRules.decide(LOW, List.of(f(Dimension.REASONABLENESS, 4, 1))).legalityGate(),
                "the gate looks at LEGALITY only");
    }

    @Test
    void inherentAndResidualWorkedExample() {
        // inherent: land (L4,C4) HIGH, legality (L3,C2) MEDIUM → HIGH
        List<Rated> inherent = new ArrayList<>(
                List.of(f(Dimension.CONTROLLABILITY, 4, 4), f(Dimension.LEGALITY, 3, 2)));
        assertEquals(HIGH, RiskRules.overall(inherent, 10.0).level());
        // mitigated: land → (L2,C2) LOW; legality unmitigated keeps (L3,C2) MEDIUM → residual MEDIUM, but gate → DO_NOT_PROCEED
        List<Rated> residual = List.of(f(Dimension.CONTROLLABILITY, 2, 2), f(Dimension.LEGALITY, 3, 2));
        assertEquals(MEDIUM, RiskRules.overall(residual, 10.0).level());
        assertEquals(DO_NOT_PROCEED, RiskRules.decide(MEDIUM, residual).decision());
        // legality also mitigated to (L1,C2): residual LOW → PROCEED
        List<Rated> better = List.of(f(Dimension.CONTROLLABILITY, 2, 2), f(Dimension.LEGALITY, 1, 2));
        assertEquals(LOW, RiskRules.overall(better, 10.0).level());
        assertEquals(PROCEED, RiskRules.decide(LOW, better).decision());
        // opposition counts in the residual level too
        assertEquals(MEDIUM, RiskRules.overall(better, 30.0).level());
    }
}
