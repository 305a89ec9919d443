package org.civicsafety.assessment.risk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.warning.WarningService;
import org.civicsafety.assessment.warning.WarningType;

/** After a decision the affected areas are watched: a trend alert in one of them (or below) asks for reassessment. */
@ApplicationScoped
public class RiskWatch {
    @Inject RiskRepository assessments;
    @Inject WarningService warnings;

    public void trendAlert(Area area, String period, String alertReason) {
        for (RiskAssessment a : assessments.decidedAffecting(area.path())) {
            warnings.raise(WarningType.REASSESS, area.code(), area.path(), period,
                    "trend alert in affected area " + area.code() + " after the decision on \"" + a.title + "\": "
                            + alertReason,
                    a.id, "REASSESS|" + a.id + "|" + area.code() + "|" + period);
        }
    }
}
