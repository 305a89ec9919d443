package org.civicsafety.cases.casefile;

import static org.civicsafety.cases.workflow.CaseState.*;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.unit.UnitDirectory;
import org.civicsafety.cases.calendar.CalendarService;
import org.civicsafety.cases.calendar.StatutoryDeadlines;
import org.civicsafety.cases.common.ApiException.Invalid;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.notice.Channel;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.Action;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseEvent;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Change;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Role;
import org.civicsafety.cases.workflow.TransitionBody;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;
import org.civicsafety.cases.workflow.TransitionGuards;
import org.civicsafety.cases.workflow.TransitionTable.Transition;
import org.civicsafety.cases.workflow.TransitionTable;

/**
 * Registration and the workflow of a case: one transaction per request, the case row locked. A transition loads the
 * case, checks it against its {@link TransitionTable} row (roles, guard, required fields), applies the row's effect
 * and journals the history entry and the row's events. The petitioner is stored only encrypted, with a pseudonymous
 * reference ({@code petition_case} is one of the tables the re-encryption job walks).
 */
@ApplicationScoped
public class CaseService implements EncryptedTable<UUID> {

    /** Unambiguous: no 0/O, 1/I/L. 31^12 ≈ 2^59 codes. */
    static final String TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int TRACKING_LENGTH = 12;
    /** The actor and role the history names for the clock's own steps. */
    static final String SYSTEM = "system";

    @Inject CaseRepository cases;
    @Inject AreaDirectory areas;
    @Inject UnitDirectory units;
    @Inject CalendarService calendar;
    @Inject PersonalDataCipher cipher;
    @Inject CaseJournal journal;
    @Inject RepeatDetector repeats;
    @Inject Ratings ratings;
    @Inject MediationReferrals mediations;

    private final SecureRandom random = new SecureRandom();

    public record Created(CaseEntity entity, List<CaseApi.SimilarCase> similar, CaseEntity earlier) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Created register(CaseApi.CreateCase b, Access.Who who) {
        return register(b, who, null);
    }

    /**
     * The petition a failed mediation registers for its applicant (referral PETITION, mediation.md), by the
     * mediation's mediator on the applicant's behalf, linked to the mediation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Created registerForMediation(CaseApi.CreateCase b, UUID mediationId, Access.Who mediator) {
        return register(b, mediator, mediationId);
    }

    private Created register(CaseApi.CreateCase b, Access.Who who, UUID sourceMediation) {
        List<Invalid> errors = new ArrayList<>();
        if (isBlank(b.petitioner().phone()) && isBlank(b.petitioner().idNumber())) {
            errors.add(Invalid.of("petitioner.phone", "case.petitioner-contact-missing"));
        }
        int groupSize = b.groupSize() == null ? 1 : b.groupSize();
        List<CaseApi.RepresentativeBody> reps = b.representatives() == null ? List.of() : b.representatives();
        List<Channel> channels = b.noticeChannels() == null ? null : b.noticeChannels().stream().distinct().toList();
        if (channels != null && channels.contains(Channel.SMS) && isBlank(b.petitioner().phone())) {
            errors.add(Invalid.of("noticeChannels", "case.notice-phone-missing"));
        }
        if (channels != null && channels.contains(Channel.EMAIL) && isBlank(b.petitioner().email())) {
            errors.add(Invalid.of("noticeChannels", "case.notice-email-missing"));
        }
        if (channels != null && channels.contains(Channel.WEBHOOK)) {
            // a unit's channel: a person is told by SMS or e-mail
            errors.add(Invalid.of("noticeChannels", "case.notice-channel-not-personal"));
        }
        if (reps.size() > groupSize) {
            errors.add(Invalid.of("representatives", "case.representatives-exceed-group"));
        }
        Optional<String[]> path = areas.path(b.areaCode());
        if (path.isEmpty()) {
            errors.add(Invalid.of("areaCode", "unknown-area"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request has invalid fields", errors);
        }
        boolean officer = who.has(Role.PETITION_OFFICER);
        if (officer && !Access.contains(path.get(), who.area()) && !who.has(Role.ADMIN)) {
            throw ApiException.forbidden("the area is outside your scope");
        }
        // registered on someone's behalf: by an officer, or by a mediator for a mediation's applicant
        boolean onBehalf = officer || sourceMediation != null;
        // Microseconds, as PostgreSQL stores them, so list cursors compare exactly.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        StatutoryDeadlines d = calendar.deadlines();

        CaseEntity c = new CaseEntity();
        c.id = UUID.randomUUID();
        int year = now.atZoneSameInstant(Json.ZONE).getYear();
        c.number = String.format("XF-%d-%06d", year, cases.nextNumber());
        c.trackingCode = trackingCode();
        c.channel = b.channel();
        c.type = b.type();
        c.title = b.title().strip();
        c.content = b.content().strip();
        c.areaCode = b.areaCode();
        c.areaPath = path.get();
        PersonalData pd = new PersonalData(
                new PersonalData.Petitioner(b.petitioner().name(), b.petitioner().phone(), b.petitioner().idNumber(),
                        b.petitioner().address(), b.petitioner().email()),
                reps.stream().map(r -> new PersonalData.Representative(r.name(), r.phone())).toList());
        c.petitionerEnc = cipher.encrypt(pd);
        PersonalDataCipher.Pseudonym ref = cipher.pseudonym(b.petitioner().idNumber(), b.petitioner().phone());
        c.petitionerRef = ref.ref();
        c.petitionerRefKeyId = ref.keyId();
        c.groupSize = groupSize;
        c.ownerSub = onBehalf ? b.petitionerUserId() : who.sub();
        c.noticeChannels = channels == null ? null : channels.stream().map(Enum::name).toArray(String[]::new);
        c.registeredBy = who.sub();
        c.registeredRole = sourceMediation != null ? Role.MEDIATOR.claim()
                : officer ? Role.PETITION_OFFICER.claim() : Role.CITIZEN.claim();
        c.sourceMediationId = sourceMediation;
        c.registeredAt = now;
        c.createdAt = now;
        c.updatedAt = now;
        c.version = 1;

        List<String> refs = cipher.pseudonymsUnderAllKeys(b.petitioner().idNumber(), b.petitioner().phone());
        RepeatDetector.Result rep = repeats.detect(refs, c.areaCode, c.title + " " + c.content);
        CaseEntity earlier = rep.earlier();
        if (earlier != null) {
            c.state = NOT_ACCEPTED;
            c.repeat = true;
            c.repeatOf = earlier.id;
            c.notAcceptReason = earlier.state == FINAL
                    ? TransitionGuards.FINALIZED : TransitionGuards.REPEAT_IN_HANDLING;
        } else {
            c.state = REGISTERED;
            c.triageDueAt = d.triageDue(now.toInstant());
        }
        cases.persistAndFlush(c);
        journal.history(c, who.sub(), c.registeredRole, "REGISTER", null,
                earlier == null ? null : "repeat of " + earlier.number + " (" + c.notAcceptReason + ")");
        journal.event(c, CaseEvent.REGISTERED, null);
        if (earlier != null) {
            repeats.markBacklogIfRepeated(earlier, refs, who.sub());
        }
        return new Created(c, rep.similar(), earlier);
    }

    /** Loads and locks the case for a change; 404 unless the caller can see it. */
    CaseEntity lockVisible(UUID id, Access.Who who) {
        CaseEntity c = cases.lock(id).orElse(null);
        if (c == null || !Access.canSee(who, c)) {
            throw ApiException.notFound("no such case");
        }
        return c;
    }

    public CaseEntity findVisible(UUID id, Access.Who who) {
        CaseEntity c = cases.findById(id);
        if (c == null || !Access.canSee(who, c)) {
            throw ApiException.notFound("no such case");
        }
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEntity transition(UUID id, TransitionBody b, Long ifMatch, Access.Who who) {
        CaseEntity c = lockVisible(id, who);
        if (ifMatch != null && ifMatch != c.version) {
            throw ApiException.preconditionFailed("the case has changed (version " + c.version + "); reload it");
        }
        CaseState from = c.state;
        Instant now = Instant.now();
        Transition t = TransitionTable.find(from, b.action())
                .orElseThrow(() -> ApiException.illegalTransition(b.action() + " is not possible in state " + from
                        + "; allowed actions: " + describe(allowedActions(c, who))));
        Role role = t.roles().stream()
                .filter(r -> who.has(r) && Access.mayAct(who, r, b.action(), c))
                .findFirst()
                .orElseThrow(() -> ApiException.forbidden(b.action() + " is not yours to take on this case"));
        t.guard().violation(facts(c), now).ifPresent(reason -> {
            throw ApiException.illegalTransition(reason + "; allowed actions: "
                    + describe(allowedActions(c, who)));
        });
        List<Invalid> missing = t.missing(b).stream().map(r -> new Invalid(r.field(), r.key(), r.args())).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("the transition is missing fields", missing);
        }
        apply(c, t, new Change(b, now, calendar.deadlines(), who.area(), outside(who, role, now)), who.sub(),
                role.claim());
        return c;
    }

    /** A system row of the table (DeadlineJobs), on a case the job has claimed; it needs nothing outside the case. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySystem(CaseEntity c, Transition t) {
        apply(c, t, new Change(null, Instant.now(), calendar.deadlines(), null, null), SYSTEM, SYSTEM);
    }

    /** The row's effect, then one history entry and its events, each event its own version. */
    private void apply(CaseEntity c, Transition t, Change change, String actor, String role) {
        CaseState from = c.state;
        c.state = t.to();
        t.effect().accept(c, change);
        touch(c, change.nowUtc());
        journal.history(c, actor, role, t.step().name(), from, change.note());
        List<Change.Emitted> events = new ArrayList<>();
        t.events().forEach(type -> events.add(new Change.Emitted(type, change.data())));
        events.addAll(change.alsoEmitted());
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                // Each event its own version, so consumers that drop "version <= seen" keep both.
                c.version++;
            }
            journal.event(c, events.get(i).type(), events.get(i).data());
        }
    }

    /** What effects may reach beyond the case, refused here as the caller's errors. */
    private Change.Outside outside(Access.Who who, Role role, Instant now) {
        return new Change.Outside() {
            @Override
            public String[] areaPath(String field, String code) {
                return areas.path(code).orElseThrow(() -> ApiException.badField(field, "unknown-area"));
            }

            @Override
            public void requireActiveUnit(String field, String unitId) {
                UnitDirectory.Unit unit = units.find(unitId)
                        .orElseThrow(() -> ApiException.badField(field, "unknown-unit"));
                if (!unit.active()) {
                    throw ApiException.badField(field, "unit.inactive");
                }
            }

            @Override
            public CaseEntity mergeTarget(CaseEntity merged, UUID id) {
                CaseEntity survivor = cases.lock(id).orElse(null);
                if (survivor == null || !Access.canSee(who, survivor) || survivor.id.equals(merged.id)) {
                    throw ApiException.badField("mergeInto", "case.merge-into-unknown");
                }
                if (!survivor.state.isOpen()) {
                    throw ApiException.illegalTransition("a case can only be merged into an open case");
                }
                return survivor;
            }

            @Override
            public void changed(CaseEntity other, String action, String note) {
                touch(other, now.atOffset(ZoneOffset.UTC));
                journal.history(other, who.sub(), role.claim(), action, other.state, note);
            }

            @Override
            public void rate(CaseEntity c, AnswerStage stage, Enums.Satisfaction satisfaction, String comment) {
                ratings.add(c.id, stage, satisfaction, comment, who.sub());
            }

            @Override
            public UUID referToMediation(CaseEntity c, TransitionBody body) {
                return mediations.open(c, body, who);
            }
        };
    }

    static void touch(CaseEntity c, OffsetDateTime now) {
        c.version++;
        c.updatedAt = now;
    }

    public TransitionGuards.CaseFacts facts(CaseEntity c) {
        Set<AnswerStage> rated = ratings.ratedStages(c.id);
        return new TransitionGuards.CaseFacts(c.state,
                c.objectionDueAt == null ? null : c.objectionDueAt.toInstant(),
                c.extensionDays != null, c.answerStage,
                rated, c.hearing, c.notAcceptReason, c.type == Enums.CaseType.MISCONDUCT_REPORT);
    }

    /** What this caller may do to the case right now. */
    public List<Action> allowedActions(CaseEntity c, Access.Who who) {
        CaseState state = c.state;
        Set<Action> candidates = EnumSet.noneOf(Action.class);
        for (Action a : TransitionTable.actionsFor(state, who.roles())) {
            TransitionTable.Transition t = TransitionTable.find(state, a).orElseThrow();
            if (t.roles().stream().anyMatch(r -> who.has(r) && Access.mayAct(who, r, a, c))) {
                candidates.add(a);
            }
        }
        return List.copyOf(TransitionGuards.available(candidates, facts(c), Instant.now()));
    }

    private static String describe(List<Action> actions) {
        return actions.isEmpty() ? "none for you" : String.join(", ", actions.stream().map(Enum::name).toList());
    }

    @Override
    public String name() {
        return "petition_case";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    /** Re-encrypts the petitioner and recomputes the petitionerRef (the data can be read, so it can be redone). */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<UUID> reencrypt(UUID after, int limit) {
        List<CaseRepository.Ciphertext> rows = cases.onOldKeys(after, cipher.currentHeader(),
                cipher.currentPseudonymKeyId(), limit);
        return EncryptedTable.rewriteEach(rows, limit, CaseRepository.Ciphertext::id, r -> {
            PersonalData pd = cipher.decryptPersonalData(r.petitionerEnc());
            PersonalDataCipher.Pseudonym ref = cipher.pseudonym(pd.petitioner().idNumber(), pd.petitioner().phone());
            cases.rewritePetitioner(r.id(), cipher.encrypt(pd), ref.ref(), ref.keyId());
        });
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return cases.countOnOldKeys(cipher.currentHeader(), cipher.currentPseudonymKeyId());
    }

    private String trackingCode() {
        return trackingCode(random);
    }

    /** A fresh code of {@link #TRACKING_ALPHABET}: a case's receipt, a mediation party's code. */
    public static String trackingCode(SecureRandom random) {
        StringBuilder sb = new StringBuilder(TRACKING_LENGTH);
        for (int i = 0; i < TRACKING_LENGTH; i++) {
            sb.append(TRACKING_ALPHABET.charAt(random.nextInt(TRACKING_ALPHABET.length())));
        }
        return sb.toString();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
