package org.civicsafety.cases.mediation;

import static org.civicsafety.cases.mediation.MediationAction.*;
import static org.civicsafety.cases.mediation.MediationState.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.civicsafety.cases.calendar.DeadlineCalendar;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.workflow.Role;

/**
 * The one table of a mediation (mediation.md "States and actions"): each row a state × action with the states it may
 * lead to, who takes it, the body fields it requires, its guard ("once", "within 30 days"), its effect on the
 * mediation and the event it publishes. Every caller's row is the mediator's — one of the mediation's own mediators;
 * the clock's OVERDUE rows are taken by no role. Plain Java: the service loads, checks and journals around it.
 */
public final class MediationTable {

    /** Mediation is concluded within this many calendar days of entering IN_MEDIATION (Asia/Shanghai). */
    public static final int DEADLINE_DAYS = 30;
    /** One extension of at most this many days, which the parties agreed to. */
    public static final int MAX_EXTENSION_DAYS = 30;
    /** A judicial confirmation is applied for within this many days of the agreement. */
    public static final int JUDICIAL_CONFIRMATION_DAYS = 30;

    /** A field the action's body must carry; {@code key} names its message in the fields bundle. */
    public record Required(String field, String key, List<Object> args, Predicate<MediationBody> present) {}

    /** Why the action cannot be taken now, or empty when it can. */
    @FunctionalInterface
    public interface Guard {
        Optional<String> violation(MediationEntity m, Instant now);
    }

    /** A row; {@code to} lists every state it may leave the mediation in (the effect chooses among them). */
    public record Row(MediationState from, MediationAction action, Set<MediationState> to, Set<Role> roles,
            List<Required> required, Guard guard, BiConsumer<MediationEntity, MediationChange> effect,
            MediationEvent event) {

        public List<Required> missing(MediationBody body) {
            return required.stream().filter(r -> !r.present().test(body)).toList();
        }
    }

    private static final Guard NONE = (m, now) -> Optional.empty();
    private static final Set<Role> MEDIATOR = Set.of(Role.MEDIATOR);
    private static final List<Row> ROWS = new ArrayList<>();

    static {
        // Mediation is voluntary: every party consents, or one refuses.
        row(OPEN, RECORD_CONSENT, EnumSet.of(OPEN, IN_MEDIATION), List.of(given("partyId", b -> b.partyId() != null)),
                NONE, (m, ch) -> {
                    UUID partyId = ch.body().partyId();
                    MediationEntity.Party party = party(m, partyId);
                    if (party.consented()) {
                        throw ApiException.illegalTransition("this party's consent is already recorded");
                    }
                    m.parties = m.parties.stream().map(p -> p.id().equals(partyId)
                            ? new MediationEntity.Party(p.id(), p.role(), p.trackingCode(), true)
                            : p).toList();
                    ch.note("consent of party " + partyId);
                    if (m.everyPartyConsented()) {
                        m.state = IN_MEDIATION;
                        m.inMediationAt = ch.nowUtc();
                        m.dueAt = due(ch.now(), DEADLINE_DAYS);
                    }
                }, MediationEvent.CONSENTED);
        row(OPEN, REFUSE, EnumSet.of(ENDED),
                List.of(given("partyId", b -> b.partyId() != null), text("reason", MediationBody::reason)), NONE,
                (m, ch) -> {
                    party(m, ch.body().partyId());
                    end(m, ch, Outcome.REFUSED, ch.body().reason());
                    ch.note("party " + ch.body().partyId() + " declined: " + ch.body().reason());
                }, MediationEvent.CONCLUDED);
        row(IN_MEDIATION, ADD_SESSION, EnumSet.of(IN_MEDIATION),
                List.of(given("heldAt", b -> b.heldAt() != null), text("place", MediationBody::place)), NONE,
                (m, ch) -> {
                    ch.outside().addSession(m, ch.body());
                    m.sessionCount++;
                    ch.note("session " + m.sessionCount + " held " + ch.body().heldAt().toLocalDate());
                }, null);
        row(IN_MEDIATION, EXTEND, EnumSet.of(IN_MEDIATION),
                List.of(new Required("days", "out-of-range", List.of(1, MAX_EXTENSION_DAYS),
                        b -> b.days() != null && b.days() >= 1 && b.days() <= MAX_EXTENSION_DAYS),
                        text("reason", MediationBody::reason)),
                (m, now) -> m.extensionDays != null ? Optional.of("the mediation can be extended only once")
                        : Optional.empty(),
                (m, ch) -> {
                    m.extensionDays = ch.body().days();
                    m.extensionReason = ch.body().reason();
                    m.dueAt = m.dueAt.plusDays(ch.body().days());
                    ch.note("extended by " + ch.body().days() + " days: " + ch.body().reason());
                }, null);
        row(IN_MEDIATION, CONCLUDE_AGREEMENT, EnumSet.of(AGREED),
                List.of(given("written", b -> b.written() != null), text("terms", MediationBody::terms)), NONE,
                (m, ch) -> {
                    List<MediationBody.ObligationBody> given = ch.body().obligations() == null ? List.of()
                            : ch.body().obligations();
                    List<MediationEntity.Obligation> obligations = new ArrayList<>();
                    for (int i = 0; i < given.size(); i++) {
                        MediationBody.ObligationBody o = given.get(i);
                        if (m.party(o.partyId()) == null) {
                            throw ApiException.badField("obligations[" + i + "].partyId", "mediation.party-unknown");
                        }
                        obligations.add(new MediationEntity.Obligation(UUID.randomUUID(), o.partyId(),
                                o.content().strip(), o.dueDate().toString(), MediationEntity.ObligationStatus.PENDING));
                    }
                    m.agreementWritten = ch.body().written();
                    m.terms = ch.body().terms().strip();
                    m.obligations = obligations;
                    m.agreedAt = ch.nowUtc();
                    conclude(m, ch, Outcome.AGREED);
                    m.state = AGREED;
                    ch.note((m.agreementWritten ? "written" : "oral") + " agreement, " + obligations.size()
                            + " obligations");
                }, MediationEvent.CONCLUDED);
        row(IN_MEDIATION, CONCLUDE_FAILED, EnumSet.of(ENDED),
                List.of(text("reason", MediationBody::reason), given("referral", b -> b.referral() != null)), NONE,
                (m, ch) -> {
                    m.referral = ch.body().referral();
                    end(m, ch, Outcome.FAILED, ch.body().reason());
                    if (m.referral == Referral.PETITION) {
                        m.referredCaseId = ch.outside().registerPetition(m);
                    }
                    ch.note("failed, referred to " + m.referral + ": " + ch.body().reason());
                }, MediationEvent.CONCLUDED);
        for (MediationState running : List.of(OPEN, IN_MEDIATION)) {
            row(running, WITHDRAW, EnumSet.of(ENDED),
                    List.of(given("partyId", b -> b.partyId() != null), text("reason", MediationBody::reason)), NONE,
                    (m, ch) -> {
                        party(m, ch.body().partyId());
                        end(m, ch, Outcome.WITHDRAWN, ch.body().reason());
                        ch.note("withdrawn at the request of party " + ch.body().partyId() + ": "
                                + ch.body().reason());
                    }, MediationEvent.CONCLUDED);
        }
        // After the agreement: its judicial confirmation (司法确认), follow-up visits (回访), a reopening on breach.
        row(AGREED, RECORD_JUDICIAL_CONFIRMATION, EnumSet.of(AGREED),
                List.of(text("court", MediationBody::court), given("confirmedOn", b -> b.confirmedOn() != null)),
                (m, now) -> m.judicialCourt != null ? Optional.of("the judicial confirmation is already recorded")
                        : now.isAfter(m.agreedAt.toInstant().plus(JUDICIAL_CONFIRMATION_DAYS, ChronoUnit.DAYS))
                                ? Optional.of("a judicial confirmation is only recorded within "
                                        + JUDICIAL_CONFIRMATION_DAYS + " days of the agreement")
                                : Optional.empty(),
                (m, ch) -> {
                    LocalDate agreed = DeadlineCalendar.localDate(m.agreedAt.toInstant());
                    LocalDate on = ch.body().confirmedOn();
                    if (on.isBefore(agreed) || on.isAfter(DeadlineCalendar.localDate(ch.now()))) {
                        throw ApiException.badField("confirmedOn", "mediation.confirmed-on-out-of-range");
                    }
                    m.judicialCourt = ch.body().court().strip();
                    m.judicialConfirmedOn = on;
                    ch.note("confirmed by " + m.judicialCourt + " on " + on);
                }, MediationEvent.FOLLOWED_UP);
        row(AGREED, FOLLOW_UP, EnumSet.of(AGREED, FULFILLED),
                List.of(new Required("results", "required", List.of(),
                        b -> b.results() != null && !b.results().isEmpty())),
                NONE, (m, ch) -> {
                    List<MediationEntity.Obligation> obligations = new ArrayList<>(m.obligations);
                    List<MediationBody.ResultBody> results = ch.body().results();
                    for (int i = 0; i < results.size(); i++) {
                        MediationBody.ResultBody r = results.get(i);
                        if (r.status() == MediationEntity.ObligationStatus.PENDING) {
                            throw ApiException.badField("results[" + i + "].status", "mediation.result-pending");
                        }
                        int at = indexOf(obligations, r.obligationId());
                        if (at < 0) {
                            throw ApiException.badField("results[" + i + "].obligationId",
                                    "mediation.obligation-unknown");
                        }
                        MediationEntity.Obligation o = obligations.get(at);
                        obligations.set(at, new MediationEntity.Obligation(o.id(), o.partyId(), o.content(),
                                o.dueDate(), r.status()));
                    }
                    m.obligations = obligations;
                    m.followUpNote = ch.body().note();
                    m.followedUpAt = ch.nowUtc();
                    if (obligations.stream().allMatch(o -> o.status() == MediationEntity.ObligationStatus.FULFILLED)) {
                        m.state = FULFILLED;
                    }
                    ch.note("follow-up: " + results.size() + " obligations checked");
                }, MediationEvent.FOLLOWED_UP);
        row(AGREED, REOPEN, EnumSet.of(IN_MEDIATION), List.of(text("reason", MediationBody::reason)), NONE,
                (m, ch) -> {
                    // The agreement no longer counts until the mediation is concluded again; a new deadline runs.
                    m.state = IN_MEDIATION;
                    m.outcome = null;
                    m.concludedAt = null;
                    m.durationDays = null;
                    m.inMediationAt = ch.nowUtc();
                    m.dueAt = due(ch.now(), DEADLINE_DAYS);
                    m.extensionDays = null;
                    m.extensionReason = null;
                    m.overdue = false;
                    m.conclusionReason = ch.body().reason();
                    ch.note("reopened: " + ch.body().reason());
                }, MediationEvent.FOLLOWED_UP);

        // The clock: a passed deadline is flagged once while the mediation still runs.
        for (MediationState running : List.of(OPEN, IN_MEDIATION)) {
            ROWS.add(new Row(running, OVERDUE, EnumSet.of(running), Set.of(), List.of(), NONE, (m, ch) -> {
                m.overdue = true;
                ch.note("the deadline " + DeadlineCalendar.localDate(m.dueAt.toInstant()) + " passed");
            }, MediationEvent.OVERDUE));
        }
    }

    private MediationTable() {}

    private static void row(MediationState from, MediationAction action, Set<MediationState> to,
            List<Required> required, Guard guard, BiConsumer<MediationEntity, MediationChange> effect,
            MediationEvent event) {
        ROWS.add(new Row(from, action, Set.copyOf(to), MEDIATOR, required, guard, effect, event));
    }

    private static Required text(String field, Function<MediationBody, String> value) {
        return new Required(field, "required", List.of(), b -> value.apply(b) != null && !value.apply(b).isBlank());
    }

    private static Required given(String field, Predicate<MediationBody> present) {
        return new Required(field, "required", List.of(), present);
    }

    /** The party of the body; one the mediation does not have is a 400 naming {@code partyId}. */
    private static MediationEntity.Party party(MediationEntity m, UUID partyId) {
        MediationEntity.Party p = m.party(partyId);
        if (p == null) {
            throw ApiException.badField("partyId", "mediation.party-unknown");
        }
        return p;
    }

    private static int indexOf(List<MediationEntity.Obligation> obligations, UUID id) {
        for (int i = 0; i < obligations.size(); i++) {
            if (obligations.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The end of the {@code days}-th calendar day after {@code from} in Shanghai. */
    static OffsetDateTime due(Instant from, int days) {
        return DeadlineCalendar.endOfDay(DeadlineCalendar.localDate(from).plusDays(days));
    }

    private static void end(MediationEntity m, MediationChange ch, Outcome outcome, String reason) {
        conclude(m, ch, outcome);
        m.state = ENDED;
        m.conclusionReason = reason;
    }

    /**
     * The outcome and the mediation's duration: calendar days (Asia/Shanghai) from entering IN_MEDIATION — from the
     * opening when it never did — to now.
     */
    private static void conclude(MediationEntity m, MediationChange ch, Outcome outcome) {
        OffsetDateTime start = m.inMediationAt != null ? m.inMediationAt : m.openedAt;
        m.outcome = outcome;
        m.concludedAt = ch.nowUtc();
        m.durationDays = (int) ChronoUnit.DAYS.between(DeadlineCalendar.localDate(start.toInstant()),
                DeadlineCalendar.localDate(ch.now()));
    }

    public static Optional<Row> find(MediationState from, MediationAction action) {
        return ROWS.stream().filter(r -> r.from() == from && r.action() == action).findFirst();
    }

    public static List<Row> rows() {
        return List.copyOf(ROWS);
    }

    /** The caller's actions the table has from {@code state} whose guard lets them be taken now. */
    public static List<MediationAction> available(MediationEntity m, Instant now) {
        return ROWS.stream().filter(r -> r.from() == m.state && !r.action().bySystem())
                .filter(r -> r.guard().violation(m, now).isEmpty()).map(Row::action).toList();
    }
}
