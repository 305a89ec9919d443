package org.civicsafety.assessment.risk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.warning.WarningService;

import java.util.List;
import java.util.UUID;

/** After a decision the affected areas are watched: a trend alert in one of them (or below) asks for reassessment. */
@ApplicationScoped
public class RiskWatch {
    @Inject
    Db db;
    @Inject
    WarningService warnings;

    public void trendAlert(Area area, String period, String alertReason) {
        List<Object[]> decided = db.query("""
                SELECT id, title FROM risk_assessment WHERE state = 'DECIDED' AND decided_at < now() AND area_codes && ?::text[]
                """, rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2)}, (Object) area.path());
        for (Object[] d : decided) {
            UUID id = (UUID) d[0];
            warnings.raise("REASSESS", area.code(), area.path(), period,
                    "trend alert in affected area " + area.code() + " after the decision on \"" + d[1] + "\": " + alertReason,
                    id, "REASSESS|" + id + "|" + area.code() + "|" + period);
        }
    }
}
