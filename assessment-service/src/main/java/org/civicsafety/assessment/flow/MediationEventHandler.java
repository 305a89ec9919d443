package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.civicsafety.assessment.indicator.Counters.*;

/**
 * org.civicsafety.mediation.*.v1 (cases-service, mediation-design.md) → mediation counters (I11, I12). Every event
 * carries the mediation's current {@code outcome}; only the newest by version counts. A mediation counts as
 * concluded while its outcome is AGREED or FAILED (REFUSED and WITHDRAWN never do), in the period of the event that
 * concluded it; agreed when AGREED; at the grassroots when its level is VILLAGE or GRID. A REOPEN (outcome null) takes
 * the conclusion back from where it was counted until the mediation is concluded again; a follow-up that leaves the
 * outcome as it was changes nothing.
 */
@ApplicationScoped
public class MediationEventHandler extends FlowEventHandler<Mediation, Mediation.Facts> {
    static final String PREFIX = "org.civicsafety.mediation.";
    private static final Set<String> CONCLUDED = Set.of("AGREED", "FAILED");
    private static final Set<String> GRASSROOTS = Set.of("VILLAGE", "GRID");

    @Inject MediationRepository mediations;

    public MediationEventHandler() {
        super(PREFIX, "mediationId", Mediation::new);
    }

    @Override
    PanacheRepositoryBase<Mediation, String> rows() {
        return mediations;
    }

    @Override
    Mediation.Facts count(FlowEvent e, boolean stale, Mediation.Facts facts, Map<String, Double> d) {
        if (stale)
            return facts;
        String outcome = EventData.text(e.data(), "outcome");
        boolean concluded = outcome != null && CONCLUDED.contains(outcome);
        boolean agreed = "AGREED".equals(outcome);
        String level = EventData.text(e.data(), "level");
        boolean grassroots = level != null && GRASSROOTS.contains(level);
        if (facts.counted()) {
            if (concluded && facts.agreed() == agreed && facts.grassroots() == grassroots)
                return facts; // a follow-up of the same conclusion
            // the counted conclusion no longer holds: taken back from the period and areas it was counted in
            counters.add(facts.path(), facts.day(), deltas(facts.agreed(), facts.grassroots(), -1));
        }
        if (!concluded)
            return Mediation.Facts.NONE;
        d.putAll(deltas(agreed, grassroots, 1));
        return new Mediation.Facts(e.day(), e.path(), agreed, grassroots);
    }

    private static Map<String, Double> deltas(boolean agreed, boolean grassroots, double sign) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(MED_CONCLUDED, sign);
        if (agreed)
            d.put(MED_AGREED, sign);
        if (grassroots)
            d.put(MED_CONCLUDED_GRASSROOTS, sign);
        return d;
    }
}
