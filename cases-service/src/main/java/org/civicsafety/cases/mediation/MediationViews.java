package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.privacy.Masking;

/** A mediation as a caller may see it: the parties whole for its mediators and its opener, masked for the rest. */
@ApplicationScoped
public class MediationViews {

    @Inject MediationService service;
    @Inject MediatorRepository mediators;

    /** {@code withTrackingCodes}: the creator's 201, the only answer that shows the parties' tracking codes. */
    public MediationApi.View view(MediationEntity m, Access.Who who, boolean withTrackingCodes) {
        boolean whole = service.seesPartiesWhole(who, m);
        Map<UUID, MediationService.PartyData> data = service.parties(m).stream()
                .collect(Collectors.toMap(MediationService.PartyData::id, Function.identity()));
        List<MediationApi.Party> parties = m.parties.stream().map(p -> {
            MediationService.PartyData d = data.get(p.id());
            return whole
                    ? new MediationApi.Party(p.id(), p.role(), d.name(), d.phone(), d.idNumber(), d.address(),
                            p.consented(), withTrackingCodes ? p.trackingCode() : null)
                    : new MediationApi.Party(p.id(), p.role(), Masking.name(d.name()), Masking.phone(d.phone()),
                            Masking.idNumber(d.idNumber()), Masking.address(d.address()), p.consented(), null);
        }).toList();
        List<MediationApi.Session> sessions = service.sessions(m).stream()
                .map(s -> new MediationApi.Session(s.heldAt(), s.place(),
                        whole ? s.attendees() : s.attendees().stream().map(Masking::name).toList(),
                        whole ? s.notes() : null))
                .toList();
        List<MediationApi.Mediator> named = mediators.byIds(Arrays.asList(m.mediatorIds)).stream()
                .map(e -> new MediationApi.Mediator(e.id, e.name, e.committee)).toList();
        MediationApi.Agreement agreement = m.agreedAt == null ? null
                : new MediationApi.Agreement(Boolean.TRUE.equals(m.agreementWritten), m.terms,
                        m.obligations.stream().map(o -> new MediationApi.Obligation(o.id(), o.partyId(), o.content(),
                                LocalDate.parse(o.dueDate()), o.status())).toList(),
                        Json.time(m.agreedAt),
                        m.judicialCourt == null ? null
                                : new MediationApi.JudicialConfirmation(m.judicialCourt, m.judicialConfirmedOn),
                        whole && Boolean.TRUE.equals(m.agreementWritten) ? agreementUrl(m.id) : null);
        return new MediationApi.View(m.id, m.number, m.type, m.sector, m.areaCode, m.level, m.summary,
                m.disputeCategory, m.amountInDispute, parties, named,
                new MediationApi.SourceView(m.sourceIncidentId, m.sourceCaseId, m.referralNote), m.state, m.outcome,
                m.referral, m.referredCaseId, m.conclusionReason, Json.time(m.dueAt),
                m.extensionDays == null ? null : new MediationApi.Extension(m.extensionDays, m.extensionReason),
                m.overdue, Json.time(m.openedAt), Json.time(m.inMediationAt), Json.time(m.concludedAt),
                m.durationDays, sessions, agreement, m.followUpNote, Json.time(m.followedUpAt), m.version,
                Json.time(m.createdAt), Json.time(m.updatedAt), service.allowedActions(m, who));
    }

    /** Where a written agreement is downloaded. */
    static String agreementUrl(UUID id) {
        return "/api/v1/mediations/" + id + "/agreement.pdf";
    }

    static MediationApi.ListItem item(MediationEntity m) {
        return new MediationApi.ListItem(m.id, m.number, m.type, m.sector, m.areaCode, m.level, m.summary, m.state,
                m.outcome, Json.time(m.dueAt), m.overdue, m.parties.size(), Arrays.asList(m.mediatorIds),
                m.sourceIncidentId, m.sourceCaseId, m.version, Json.time(m.createdAt), Json.time(m.updatedAt));
    }
}
