package org.civicsafety.cases.reception;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseQueries;
import org.civicsafety.cases.casefile.CaseRepository;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.workflow.Role;

/**
 * The statistics of reception days (mediation.md), always within the caller's area: the receptions held and people
 * received in the period, by outcome; and how many of the open backlog cases a leader visited or met in the last
 * {@value #CONTACT_DAYS} days (包案 leaders are expected to see their petitioners).
 */
@ApplicationScoped
public class ReceptionStats {

    static final int CONTACT_DAYS = 90;

    @Inject ReceptionDayRepository days;
    @Inject CaseRepository cases;

    public ReceptionApi.Stats of(String areaCode, String from, String to, Access.Who who) {
        String area = areaCode == null ? null : CaseQueries.areaCode(areaCode);
        LocalDate fromDay = from == null ? null : ReceptionService.date("from", from);
        LocalDate toDay = to == null ? null : ReceptionService.date("to", to);
        // an admin sees every area; other staff their own subtree (none without an area claim)
        String scope = who.has(Role.ADMIN) ? null : who.area() == null ? "" : who.area();
        ReceptionDayRepository.Held held = days.held(area, scope, fromDay, toDay);
        CaseRepository.BacklogContacts ledger = cases.backlogLeaderContacts(area,
                LocalDate.now(Json.ZONE).minusDays(CONTACT_DAYS), who);
        return new ReceptionApi.Stats(areaCode, from, to, held.days(), held.people(), held.byOutcome(),
                ledger.backlog(), ledger.withLeaderContact(),
                CaseQueries.rate(ledger.withLeaderContact(), ledger.backlog()));
    }
}
