package org.civicsafety.cases.mediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseApi;
import org.civicsafety.cases.casefile.CaseService;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.ApiException.Invalid;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.dispute.MediationType;
import org.civicsafety.cases.dispute.PartyBody;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.incident.IncidentDirectory;
import org.civicsafety.cases.notice.NoticeRequest;
import org.civicsafety.cases.notice.NoticeType;
import org.civicsafety.cases.notice.Notices;
import org.civicsafety.cases.outbox.Outbox;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Role;

/**
 * Opening and the workflow of a mediation: one transaction per request, the mediation row locked. A transition loads
 * the mediation, checks it against its {@link MediationTable} row (one of its own mediators, guard, required fields),
 * applies the row's effect and journals the history entry, the row's event and the notices it causes. The parties
 * and the sessions are stored only encrypted ({@code mediation} is one of the tables the re-encryption job walks).
 */
@ApplicationScoped
public class MediationService implements EncryptedTable<UUID> {

    /** The actor and role the history names for the clock's own steps. */
    static final String SYSTEM = "system";
    private static final List<String> LEVELS = List.of("COUNTY", "TOWNSHIP", "VILLAGE", "GRID");

    /** A party's personal data: stored only in {@code parties_enc}. */
    record PartyData(UUID id, String name, String phone, String idNumber, String address) {}

    /** A session as stored in {@code sessions_enc}. */
    record Session(String heldAt, String place, List<String> attendees, String notes) {}

    /** What a mediation is opened from: the body, and a petition referred to it by the case workflow. */
    record Opening(MediationApi.CreateBody body, UUID referredCase) {}

    @Inject MediationRepository mediations;
    @Inject MediatorRepository mediators;
    @Inject AreaDirectory areas;
    @Inject IncidentDirectory incidents;
    @Inject CaseService cases;
    @Inject PersonalDataCipher cipher;
    @Inject ObjectMapper mapper;
    @Inject Outbox outbox;
    @Inject Notices notices;

    private final SecureRandom random = new SecureRandom();

    @Transactional(Transactional.TxType.MANDATORY)
    public MediationEntity open(Opening opening, Access.Who who) {
        MediationApi.CreateBody b = opening.body();
        List<Invalid> errors = new ArrayList<>();
        if (b.type() == MediationType.SECTORAL && b.sector() == null) {
            errors.add(Invalid.of("sector", "mediation.sector-missing"));
        }
        if (b.type() != MediationType.SECTORAL && b.sector() != null) {
            errors.add(Invalid.of("sector", "mediation.sector-only-sectoral"));
        }
        for (int i = 0; i < b.parties().size(); i++) {
            if (b.parties().get(i).role() == null) {
                errors.add(Invalid.of("parties[" + i + "].role", "required"));
            }
        }
        if (b.parties().stream().noneMatch(p -> p.role() == PartyRole.APPLICANT)
                || b.parties().stream().noneMatch(p -> p.role() == PartyRole.RESPONDENT)) {
            errors.add(Invalid.of("parties", "mediation.parties-roles"));
        }
        List<UUID> mediatorIds = b.mediators().stream().distinct().toList();
        List<MediatorEntity> named = mediators.byIds(mediatorIds);
        if (named.size() != mediatorIds.size() || named.stream().anyMatch(m -> !m.active)) {
            errors.add(Invalid.of("mediators", "mediation.mediator-unknown"));
        }
        String[] path = areas.path(b.areaCode()).orElse(null);
        if (path == null) {
            errors.add(Invalid.of("areaCode", "unknown-area"));
        }
        MediationApi.Source source = b.source() == null ? new MediationApi.Source(null, null, null) : b.source();
        UUID sourceCase = opening.referredCase() != null ? opening.referredCase() : source.caseId();
        if (source.incidentId() != null && sourceCase != null) {
            errors.add(Invalid.of("source", "mediation.one-source"));
        }
        if (source.incidentId() != null && !disputeInScope(source.incidentId(), who)) {
            errors.add(Invalid.of("source.incidentId", "mediation.incident-not-dispute"));
        }
        if (opening.referredCase() == null && source.caseId() != null && !caseInScope(source.caseId(), who)) {
            errors.add(Invalid.of("source.caseId", "mediation.case-unknown"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request has invalid fields", errors);
        }
        if (!MediationAccess.canOpen(who, path)) {
            throw ApiException.forbidden("the area is outside your scope");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        MediationEntity m = new MediationEntity();
        m.id = UUID.randomUUID();
        m.number = String.format("TJ-%d-%06d", now.atZoneSameInstant(Json.ZONE).getYear(), mediations.nextNumber());
        m.type = b.type();
        m.sector = b.sector();
        m.areaCode = b.areaCode();
        m.areaPath = path;
        m.level = LEVELS.get(Math.min(path.length, LEVELS.size()) - 1);
        m.summary = b.summary().strip();
        m.disputeCategory = b.disputeCategory().strip();
        m.amountInDispute = b.amountInDispute();
        List<MediationEntity.Party> parties = new ArrayList<>();
        List<PartyData> data = new ArrayList<>();
        for (PartyBody p : b.parties()) {
            UUID id = UUID.randomUUID();
            parties.add(new MediationEntity.Party(id, p.role(), CaseService.trackingCode(random), false));
            data.add(new PartyData(id, p.name().strip(), p.phone(), p.idNumber(), p.address()));
        }
        m.parties = parties;
        m.partiesEnc = encrypt(data);
        m.trackingCodes = parties.stream().map(MediationEntity.Party::trackingCode).toArray(String[]::new);
        m.mediatorIds = mediatorIds.toArray(UUID[]::new);
        m.sourceIncidentId = source.incidentId();
        m.sourceCaseId = sourceCase;
        m.referralNote = source.referralNote();
        m.state = MediationState.OPEN;
        m.openedBy = who.sub();
        m.openedRole = who.has(Role.MEDIATOR) ? Role.MEDIATOR.claim() : Role.PETITION_OFFICER.claim();
        m.openedAt = now;
        m.obligations = List.of();
        m.createdAt = now;
        m.updatedAt = now;
        m.version = 1;
        mediations.persistAndFlush(m);
        journal(m, who.sub(), m.openedRole, "OPEN", null, null, MediationEvent.OPENED);
        return m;
    }

    /** An incident grid-service told of, of the dispute group, in the caller's area. */
    private boolean disputeInScope(UUID incidentId, Access.Who who) {
        return incidents.find(incidentId)
                .filter(i -> IncidentDirectory.DISPUTE.equals(i.categoryGroup()))
                .filter(i -> i.path().contains(who.area()))
                .isPresent();
    }

    private boolean caseInScope(UUID caseId, Access.Who who) {
        try {
            cases.findVisible(caseId, who);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** Loads and locks the mediation for a change; 404 unless the caller can see it. */
    MediationEntity lockVisible(UUID id, Access.Who who) {
        MediationEntity m = mediations.lock(id).orElse(null);
        if (m == null || !canSee(who, m)) {
            throw ApiException.notFound("no such mediation");
        }
        return m;
    }

    public MediationEntity findVisible(UUID id, Access.Who who) {
        MediationEntity m = mediations.findById(id);
        if (m == null || !canSee(who, m)) {
            throw ApiException.notFound("no such mediation");
        }
        return m;
    }

    boolean canSee(Access.Who who, MediationEntity m) {
        return MediationAccess.canRead(who, m.areaPath) || isMediatorOf(who, m);
    }

    /** Whether the caller holds the account of one of the mediation's mediators. */
    boolean isMediatorOf(Access.Who who, MediationEntity m) {
        return who.has(Role.MEDIATOR) && who.sub() != null
                && mediators.count("id in ?1 and userId = ?2", Arrays.asList(m.mediatorIds), who.sub()) > 0;
    }

    /** Parties whole for the mediation's mediators and whoever opened it; masked for everyone else. */
    boolean seesPartiesWhole(Access.Who who, MediationEntity m) {
        return Objects.equals(who.sub(), m.openedBy) || isMediatorOf(who, m);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MediationEntity transition(UUID id, MediationBody b, Long ifMatch, Access.Who who) {
        MediationEntity m = lockVisible(id, who);
        if (ifMatch != null && ifMatch != m.version) {
            throw ApiException.preconditionFailed("the mediation has changed (version " + m.version + "); reload it");
        }
        Instant now = Instant.now();
        MediationTable.Row row = MediationTable.find(m.state, b.action()).filter(r -> !r.action().bySystem())
                .orElseThrow(() -> ApiException.illegalTransition(b.action() + " is not possible in state " + m.state
                        + "; allowed actions: " + describe(allowedActions(m, who))));
        if (!isMediatorOf(who, m)) {
            throw ApiException.forbidden("only the mediation's own mediators take its steps");
        }
        row.guard().violation(m, now).ifPresent(reason -> {
            throw ApiException.illegalTransition(reason + "; allowed actions: " + describe(allowedActions(m, who)));
        });
        List<Invalid> missing = row.missing(b).stream().map(r -> new Invalid(r.field(), r.key(), r.args())).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("the transition is missing fields", missing);
        }
        apply(m, row, new MediationChange(b, now, outside(who)), who.sub(), Role.MEDIATOR.claim());
        return m;
    }

    /** What a mediator's step may do beyond the mediation. */
    private MediationChange.Outside outside(Access.Who who) {
        return new MediationChange.Outside() {
            @Override
            public void addSession(MediationEntity m, MediationBody session) {
                MediationService.this.addSession(m, session);
            }

            @Override
            public UUID registerPetition(MediationEntity m) {
                return MediationService.this.registerPetition(m, who);
            }
        };
    }

    /**
     * A petition for the applicant (channel VISIT; a dispute is a request or grievance), the mediation's summary and
     * why it failed as its content, in the mediation's area; it needs the applicant's phone or ID number.
     */
    private UUID registerPetition(MediationEntity m, Access.Who who) {
        UUID applicantId = m.parties.stream().filter(p -> p.role() == PartyRole.APPLICANT).findFirst().orElseThrow()
                .id();
        PartyData applicant = parties(m).stream().filter(p -> p.id().equals(applicantId)).findFirst().orElseThrow();
        if (applicant.phone() == null && applicant.idNumber() == null) {
            throw ApiException.badField("referral", "mediation.petition-contact-missing");
        }
        CaseApi.CreateCase petition = new CaseApi.CreateCase(Enums.Channel.VISIT, Enums.CaseType.REQUEST_GRIEVANCE,
                "调解未成 " + m.number, m.summary + "\n" + m.conclusionReason, m.areaCode,
                new CaseApi.PetitionerBody(applicant.name(), applicant.phone(), applicant.idNumber(),
                        applicant.address(), null),
                1, List.of(), null, null);
        return cases.registerForMediation(petition, m.id, who).entity().id;
    }

    /** The clock's row (MediationJobs) on a mediation the job has claimed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySystem(MediationEntity m, MediationTable.Row row) {
        apply(m, row, new MediationChange(null, Instant.now(), null), SYSTEM, SYSTEM);
    }

    private void apply(MediationEntity m, MediationTable.Row row, MediationChange change, String actor,
            String role) {
        MediationState from = m.state;
        row.effect().accept(m, change);
        if (!row.to().contains(m.state)) {
            throw new IllegalStateException(row.action() + " left the mediation " + m.state);
        }
        m.version++;
        m.updatedAt = change.nowUtc();
        journal(m, actor, role, row.action().name(), from, change.note(), row.event());
    }

    /** One history entry and the event (if the step has one), with the notices it causes. */
    private void journal(MediationEntity m, String actor, String role, String action, MediationState from,
            String note, MediationEvent event) {
        mediations.appendHistory(m.id, OffsetDateTime.now(ZoneOffset.UTC), actor, role, action,
                from == null ? null : from.name(), m.state.name(), note);
        if (event == null) {
            return;
        }
        outbox.add(event.ceType(), m.id.toString(), eventData(m));
        if (event == MediationEvent.OVERDUE) {
            tellOverdue(m);
        }
    }

    /** The event's data (the shared design): never a party's personal data. */
    static Map<String, Object> eventData(MediationEntity m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediationId", m.id.toString());
        d.put("number", m.number);
        d.put("type", m.type);
        d.put("areaCode", m.areaCode);
        d.put("path", Arrays.asList(m.areaPath));
        d.put("level", m.level);
        d.put("state", m.state);
        d.put("outcome", m.outcome);
        d.put("referral", m.referral);
        d.put("sourceIncidentId", m.sourceIncidentId == null ? null : m.sourceIncidentId.toString());
        d.put("sourceCaseId", m.sourceCaseId == null ? null : m.sourceCaseId.toString());
        d.put("partyCount", m.parties.size());
        d.put("durationDays", m.durationDays);
        d.put("version", m.version);
        d.put("occurredAt", Json.time(OffsetDateTime.now(ZoneOffset.UTC)));
        return d;
    }

    /**
     * A passed deadline (mediation.md "Deadline"): the mediators' units are told, or the area's supervisors when no
     * mediator has a unit; once per deadline (a reopened mediation has a new one).
     */
    private void tellOverdue(MediationEntity m) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("number", m.number);
        args.put("dueAt", Json.time(m.dueAt));
        NoticeRequest.Subject subject = new NoticeRequest.Subject(NoticeRequest.Subject.MEDIATION, m.id, m.number,
                m.areaPath);
        String stage = "OVERDUE " + Json.time(m.dueAt);
        List<String> units = mediators.byIds(Arrays.asList(m.mediatorIds)).stream().map(e -> e.unitId)
                .filter(Objects::nonNull).distinct().sorted().toList();
        if (units.isEmpty()) {
            notices.notify(new NoticeRequest(NoticeType.AREA_MEDIATION_OVERDUE, m.areaCode, subject, args, stage,
                    null));
        }
        for (String unit : units) {
            notices.notify(new NoticeRequest(NoticeType.UNIT_MEDIATION_OVERDUE, unit, subject, args, stage, null));
        }
    }

    /** What this caller may do to the mediation right now: its own mediators only. */
    public List<MediationAction> allowedActions(MediationEntity m, Access.Who who) {
        return isMediatorOf(who, m) ? MediationTable.available(m, Instant.now()) : List.of();
    }

    private static String describe(List<MediationAction> actions) {
        return actions.isEmpty() ? "none for you" : String.join(", ", actions.stream().map(Enum::name).toList());
    }

    private void addSession(MediationEntity m, MediationBody b) {
        List<Session> sessions = new ArrayList<>(sessions(m));
        sessions.add(new Session(Json.time(b.heldAt()), b.place().strip(),
                b.attendees() == null ? List.of() : b.attendees().stream().map(String::strip).toList(), b.notes()));
        m.sessionsEnc = encrypt(sessions);
    }

    List<PartyData> parties(MediationEntity m) {
        return decrypt(m.partiesEnc, new TypeReference<List<PartyData>>() {});
    }

    List<Session> sessions(MediationEntity m) {
        return m.sessionsEnc == null ? List.of() : decrypt(m.sessionsEnc, new TypeReference<List<Session>>() {});
    }

    private byte[] encrypt(Object value) {
        try {
            return cipher.encryptText(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private <T> T decrypt(byte[] stored, TypeReference<T> type) {
        try {
            return mapper.readValue(cipher.decryptText(stored), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored personal data is not readable JSON", e);
        }
    }

    @Override
    public String name() {
        return "mediation";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<UUID> reencrypt(UUID after, int limit) {
        return EncryptedTable.rewriteEach(mediations.onOldKeys(after, cipher.currentHeader(), limit), limit,
                MediationRepository.Ciphertext::id,
                r -> mediations.rewrite(r.id(), cipher.reencrypt(r.partiesEnc()),
                        r.sessionsEnc() == null ? null : cipher.reencrypt(r.sessionsEnc())));
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return mediations.countOnOldKeys(cipher.currentHeader());
    }
}
