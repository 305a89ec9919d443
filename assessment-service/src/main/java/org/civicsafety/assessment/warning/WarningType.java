package org.civicsafety.assessment.warning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The kinds of warning (assessment.md): a sibling ranking's yellow card, a Poisson trend alert, a veto, a reassessment. */
@Schema(name = "WarningType", description = "YELLOW_CARD: last among ≥ 5 siblings in consecutive periods, or UNQUALIFIED "
        + "periods running; TREND_ALERT: a Poisson trend test against the 3-year baseline; VETO: a one-vote veto "
        + "trigger; REASSESS: a trend alert in an area a decided risk assessment affects")
public enum WarningType {
    YELLOW_CARD, TREND_ALERT, VETO, REASSESS
}
