package org.civicsafety.cases.workflow;

import static org.civicsafety.cases.workflow.Action.*;
import static org.civicsafety.cases.workflow.CaseState.*;
import static org.civicsafety.cases.workflow.Role.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.civicsafety.cases.calendar.StatutoryDeadlines;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Enums.DivertChannel;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;
import org.civicsafety.cases.workflow.TransitionGuards.CaseFacts;

/**
 * The one table of the petition workflow (cases.md "States and statutory limits"). Each row is a state × step →
 * state with everything that belongs to it: who may take it, the body fields it requires, its guard (time windows,
 * "once only"), its effect on the case and the events it emits. The clock's own steps — overdue flags per stage,
 * lapsed windows, the long-open backlog — are rows too, taken by no role but the system; {@code DeadlineJobs}
 * reads which states, deadlines and limits to look at from them.
 */
public final class TransitionTable {

    /** A long-open case goes on the backlog after this many days (cases.md "Backlog and supervision"). */
    public static final int BACKLOG_AFTER_DAYS = 90;

    /** A field an action's body must carry; {@code key} names its message in the fields bundle. */
    public record Required(String field, String key, List<Object> args, Predicate<TransitionBody> present) {}

    /** Why the step cannot be taken now, or empty when it can. */
    @FunctionalInterface
    public interface Guard {
        Optional<String> violation(CaseFacts facts, Instant now);
    }

    /**
     * A row. {@code deadline} is the stage whose passed deadline triggers a system row (null for the backlog row,
     * which the case's age triggers, and for callers' rows). {@code events} are emitted in order, each with the data
     * the effect put in the {@link Change}.
     */
    public record Transition(CaseState from, Step step, CaseState to, Set<Role> roles, List<Required> required,
            Guard guard, BiConsumer<CaseEntity, Change> effect, List<CaseEvent> events, Stage deadline) {

        public boolean bySystem() {
            return step instanceof SystemAction;
        }

        /** The required fields the body lacks, all of them. */
        public List<Required> missing(TransitionBody body) {
            return required.stream().filter(r -> !r.present().test(body)).toList();
        }
    }

    private static final Guard NONE = (facts, now) -> Optional.empty();
    private static final List<Transition> ROWS = new ArrayList<>();

    static {
        // Petition office triage (Art. 22).
        row(REGISTERED, ASSIGN, ASSIGNED, roles(PETITION_OFFICER),
                List.of(text("unitId", TransitionBody::unitId), text("unitAreaCode", TransitionBody::unitAreaCode)),
                NONE,
                (c, ch) -> {
                    ch.outside().requireActiveUnit("unitId", ch.body().unitId());
                    c.unitAreaPath = ch.outside().areaPath("unitAreaCode", ch.body().unitAreaCode());
                    c.unitId = ch.body().unitId();
                    c.unitAreaCode = ch.body().unitAreaCode();
                    c.assignedAt = ch.nowUtc();
                    c.acceptanceDueAt = ch.deadlines().acceptanceDue(ch.now());
                    c.objectionDueAt = ch.deadlines().objectionDue(ch.now());
                }, CaseEvent.ASSIGNED);
        row(REGISTERED, DIVERT, DIVERTED, roles(PETITION_OFFICER),
                List.of(new Required("channel", "case.divert-channel-missing", List.of(),
                        b -> b.channel() != null && b.channel() != DivertChannel.MEDIATION)),
                NONE,
                (c, ch) -> {
                    c.divertChannel = ch.body().channel();
                    ch.note("channel " + ch.body().channel());
                }, CaseEvent.DIVERTED);
        // Mediation (mediation.md): the case is diverted to it, and the two link both ways.
        row(REGISTERED, REFER_TO_MEDIATION, DIVERTED, roles(PETITION_OFFICER),
                List.of(given("type", "case.mediation-type-missing", b -> b.type() != null),
                        given("respondent", "case.mediation-respondent-missing", b -> b.respondent() != null),
                        given("mediators", "case.mediation-mediators-missing",
                                b -> b.mediators() != null && !b.mediators().isEmpty())),
                TransitionGuards::notConfidential,
                (c, ch) -> {
                    c.divertChannel = DivertChannel.MEDIATION;
                    c.mediationId = ch.outside().referToMediation(c, ch.body());
                    ch.put("mediationId", c.mediationId.toString());
                    ch.note("referred to mediation " + c.mediationId);
                }, CaseEvent.DIVERTED);
        row(REGISTERED, NOT_ACCEPT, NOT_ACCEPTED, roles(PETITION_OFFICER),
                List.of(text("reason", TransitionBody::reason)), NONE,
                (c, ch) -> {
                    c.notAcceptReason = ch.body().reason();
                    ch.note(ch.body().reason());
                }, CaseEvent.NOT_ACCEPTED);
        row(REGISTERED, MERGE, MERGED, roles(PETITION_OFFICER),
                List.of(given("mergeInto", "case.merge-into-missing", b -> b.mergeInto() != null)), NONE,
                (c, ch) -> {
                    CaseEntity survivor = ch.outside().mergeTarget(c, ch.body().mergeInto());
                    survivor.mergedPetitioners += c.groupSize + c.mergedPetitioners;
                    ch.outside().changed(survivor, "MERGE_IN", "merged " + c.number);
                    c.mergedInto = survivor.id;
                    ch.put("mergedInto", survivor.id.toString());
                    ch.note("merged into " + survivor.number);
                }, CaseEvent.MERGED);
        // A repeat recorded as not accepted can still be taken up when there are new facts.
        row(NOT_ACCEPTED, OVERRIDE_REPEAT, REGISTERED, roles(PETITION_OFFICER),
                List.of(text("reason", TransitionBody::reason)),
                TransitionGuards::repeatOnly,
                (c, ch) -> {
                    c.notAcceptReason = null;
                    c.triageDueAt = ch.deadlines().triageDue(ch.now());
                    ch.note(ch.body().reason());
                }, CaseEvent.REPEAT_OVERRIDDEN);
        // The unit's acceptance decision (Art. 23).
        row(ASSIGNED, ACCEPT, IN_HANDLING, roles(HANDLER), List.of(), NONE,
                (c, ch) -> {
                    c.acceptedAt = ch.nowUtc();
                    c.handlingDueAt = ch.deadlines().handlingDue(ch.now(), 0);
                    ch.put("onTime", c.acceptanceDueAt == null || !ch.nowUtc().isAfter(c.acceptanceDueAt));
                }, CaseEvent.ACCEPTED);
        row(ASSIGNED, DECLINE, DECLINED, roles(HANDLER), List.of(text("reason", TransitionBody::reason)), NONE,
                (c, ch) -> {
                    c.declineReason = ch.body().reason();
                    ch.note(ch.body().reason());
                }, CaseEvent.DECLINED);
        row(ASSIGNED, OBJECT, REGISTERED, roles(HANDLER), List.of(text("reason", TransitionBody::reason)),
                TransitionGuards::objectionWindow,
                (c, ch) -> {
                    ch.put("unitId", c.unitId);
                    ch.note("objection by " + c.unitId + ": " + ch.body().reason());
                    c.unitId = null;
                    c.unitAreaCode = null;
                    c.unitAreaPath = null;
                    c.acceptanceDueAt = null;
                    c.objectionDueAt = null;
                }, CaseEvent.OBJECTED);
        // Handling (Art. 32, 34).
        row(IN_HANDLING, ANSWER, ANSWERED, roles(HANDLER), answer(), NONE,
                (c, ch) -> {
                    answer(c, ch, AnswerStage.ANSWER);
                    c.answeredAt = ch.nowUtc();
                    c.answerWindowDueAt = ch.deadlines().answerWindowDue(ch.now());
                    ch.put("onTime", c.handlingDueAt == null || !ch.nowUtc().isAfter(c.handlingDueAt));
                }, CaseEvent.ANSWERED);
        row(IN_HANDLING, EXTEND, IN_HANDLING, roles(SUPERVISOR),
                List.of(new Required("days", "out-of-range", List.of(1, StatutoryDeadlines.MAX_EXTENSION_DAYS),
                        b -> b.days() != null && b.days() >= 1 && b.days() <= StatutoryDeadlines.MAX_EXTENSION_DAYS),
                        text("reason", TransitionBody::reason)),
                TransitionGuards::extendOnce,
                (c, ch) -> {
                    c.extensionDays = ch.body().days();
                    c.extensionReason = ch.body().reason();
                    c.handlingDueAt = ch.deadlines().handlingDue(c.acceptedAt.toInstant(), ch.body().days());
                    ch.note("extended by " + ch.body().days() + " days: " + ch.body().reason());
                }, CaseEvent.EXTENDED);
        // The petitioner's window after the answer (Art. 35); an officer may record it on their behalf.
        row(ANSWERED, REQUEST_REVIEW, IN_REVIEW, roles(CITIZEN, PETITION_OFFICER), List.of(), NONE,
                (c, ch) -> {
                    c.reviewRequestedAt = ch.nowUtc();
                    c.reviewDueAt = ch.deadlines().reviewDue(ch.now());
                    ch.note(ch.body().reason());
                }, CaseEvent.REVIEW_REQUESTED);
        row(ANSWERED, ACCEPT_ANSWER, FINAL, roles(CITIZEN, PETITION_OFFICER), List.of(), NONE,
                TransitionTable::finalize, CaseEvent.FINALIZED);
        rate(ANSWERED);
        // Review (复查) by the body one level up.
        row(IN_REVIEW, ANSWER_REVIEW, REVIEW_ANSWERED, roles(SUPERVISOR), answer(), NONE,
                (c, ch) -> {
                    answer(c, ch, AnswerStage.REVIEW);
                    List<String> unitPath = Arrays.asList(c.unitAreaPath);
                    c.reviewerAreaCode = ch.actorArea();
                    c.reviewerAreaPath = unitPath.subList(0, unitPath.indexOf(ch.actorArea()) + 1)
                            .toArray(String[]::new);
                    c.reviewAnsweredAt = ch.nowUtc();
                    c.reviewWindowDueAt = ch.deadlines().reviewWindowDue(ch.now());
                }, CaseEvent.REVIEW_ANSWERED);
        row(REVIEW_ANSWERED, REQUEST_RE_REVIEW, IN_RE_REVIEW, roles(CITIZEN, PETITION_OFFICER), List.of(), NONE,
                (c, ch) -> {
                    c.reReviewRequestedAt = ch.nowUtc();
                    c.reReviewDueAt = ch.deadlines().reReviewDue(ch.now(), 0);
                    ch.note(ch.body().reason());
                }, CaseEvent.RE_REVIEW_REQUESTED);
        row(REVIEW_ANSWERED, ACCEPT_ANSWER, FINAL, roles(CITIZEN, PETITION_OFFICER), List.of(), NONE,
                TransitionTable::finalize, CaseEvent.FINALIZED);
        rate(REVIEW_ANSWERED);
        // Re-review (复核) two levels up; hearings pause its clock (Art. 36).
        row(IN_RE_REVIEW, ANSWER_RE_REVIEW, FINAL, roles(SUPERVISOR), answer(), TransitionGuards::noHearing,
                (c, ch) -> {
                    answer(c, ch, AnswerStage.RE_REVIEW);
                    c.finalizedAt = ch.nowUtc();
                }, CaseEvent.RE_REVIEW_ANSWERED, CaseEvent.FINALIZED);
        row(IN_RE_REVIEW, START_HEARING, IN_RE_REVIEW, roles(SUPERVISOR), List.of(), TransitionGuards::hearingIdle,
                (c, ch) -> {
                    c.hearing = true;
                    c.hearingStartedAt = ch.nowUtc();
                });
        row(IN_RE_REVIEW, END_HEARING, IN_RE_REVIEW, roles(SUPERVISOR), List.of(), TransitionGuards::hearingOngoing,
                (c, ch) -> {
                    int paused = StatutoryDeadlines.hearingPausedDays(c.hearingStartedAt.toInstant(), ch.now());
                    c.hearingPausedDays += paused;
                    c.hearing = false;
                    c.hearingStartedAt = null;
                    c.reReviewDueAt = ch.deadlines().reReviewDue(c.reReviewRequestedAt.toInstant(),
                            c.hearingPausedDays);
                    ch.note("clock paused " + paused + " days");
                });
        // The last answer of a finalised case can still be rated once.
        rate(FINAL);

        // The clock: every passed deadline is flagged once, and puts the case on the backlog (trigger 1).
        for (Stage stage : Stage.values()) {
            if (!stage.lapses()) {
                ROWS.add(new Transition(stage.state(), SystemAction.OVERDUE, stage.state(), Set.of(), List.of(), NONE,
                        (c, ch) -> {
                            ch.put("stage", stage.name());
                            ch.noteOnly(stage.name() + " deadline passed");
                            c.overdue = true;
                            backlog(c, ch, BacklogReason.OVERDUE);
                        }, List.of(CaseEvent.OVERDUE), stage));
            }
        }
        // The petitioner's windows lapse into FINAL (Art. 35, 36).
        for (Stage window : List.of(Stage.ANSWER_WINDOW, Stage.REVIEW_WINDOW)) {
            ROWS.add(new Transition(window.state(), SystemAction.LAPSE, FINAL, Set.of(), List.of(), NONE,
                    (c, ch) -> {
                        c.finalizedAt = ch.nowUtc();
                        ch.noteOnly("the petitioner's 30-day window lapsed");
                    }, List.of(CaseEvent.FINALIZED), window));
        }
        // Backlog trigger 2: open for more than BACKLOG_AFTER_DAYS.
        for (CaseState open : CaseState.values()) {
            if (open.isOpen()) {
                ROWS.add(new Transition(open, SystemAction.BACKLOG, open, Set.of(), List.of(), NONE,
                        (c, ch) -> {
                            ch.noteOnly("open for more than " + BACKLOG_AFTER_DAYS + " days");
                            backlog(c, ch, BacklogReason.OPEN_OVER_90_DAYS);
                        }, List.of(), null));
            }
        }
    }

    private TransitionTable() {}

    private static void row(CaseState from, Action action, CaseState to, Set<Role> roles, List<Required> required,
            Guard guard, BiConsumer<CaseEntity, Change> effect, CaseEvent... events) {
        ROWS.add(new Transition(from, action, to, roles, required, guard, effect, List.of(events), null));
    }

    private static Set<Role> roles(Role first, Role... rest) {
        return Set.copyOf(EnumSet.of(first, rest));
    }

    /** Rated once per answer stage by the petitioner (or an officer recording a call-back); the state stays. */
    private static void rate(CaseState state) {
        row(state, RATE, state, roles(CITIZEN, PETITION_OFFICER),
                List.of(given("satisfaction", "case.satisfaction-missing", b -> b.satisfaction() != null)),
                TransitionGuards::rateOncePerAnswer,
                (c, ch) -> {
                    ch.outside().rate(c, c.answerStage, ch.body().satisfaction(), ch.body().comment());
                    c.satisfaction = ch.body().satisfaction();
                    ch.put("satisfaction", c.satisfaction);
                    ch.put("stage", c.answerStage);
                    // The comment stays in case_rating, encrypted: the petitioner's own words may name them.
                    ch.noteOnly(ch.body().satisfaction() + " (" + c.answerStage + ")");
                }, CaseEvent.RATED);
    }

    private static Required text(String field, Function<TransitionBody, String> value) {
        return new Required(field, "required", List.of(), b -> !Change.isBlank(value.apply(b)));
    }

    private static Required given(String field, String key, Predicate<TransitionBody> present) {
        return new Required(field, key, List.of(), present);
    }

    private static List<Required> answer() {
        return List.of(given("decision", "case.decision-missing", b -> b.decision() != null),
                text("text", TransitionBody::text));
    }

    private static void answer(CaseEntity c, Change ch, AnswerStage stage) {
        c.decision = ch.body().decision();
        c.answerText = ch.body().text();
        c.answerStage = stage;
        ch.put("decision", c.decision);
    }

    private static void finalize(CaseEntity c, Change ch) {
        c.finalizedAt = ch.nowUtc();
    }

    /** Puts the case on the backlog ledger once; the "backlogged" event only when it was not there yet. */
    private static void backlog(CaseEntity c, Change ch, BacklogReason reason) {
        if (!c.backlog) {
            c.backlog = true;
            c.backlogReason = reason;
            ch.emit(CaseEvent.BACKLOGGED, Map.of("reason", reason.name()));
        }
    }

    public static Optional<Transition> find(CaseState from, Step step) {
        return ROWS.stream().filter(t -> t.from() == from && t.step() == step).findFirst();
    }

    /** Every row, callers' and the system's. */
    public static List<Transition> rows() {
        return List.copyOf(ROWS);
    }

    /** The system's rows of one kind, for the deadline job. */
    public static List<Transition> system(SystemAction action) {
        return ROWS.stream().filter(t -> t.step() == action).toList();
    }

    /** Every caller's action the table allows from {@code state}, whoever takes it. */
    public static Set<Action> actionsFrom(CaseState state) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (Transition t : ROWS) {
            if (t.from() == state && t.step() instanceof Action a) {
                actions.add(a);
            }
        }
        return actions;
    }

    /** The actions from {@code state} that at least one of {@code roles} may take. */
    public static Set<Action> actionsFor(CaseState state, Collection<Role> roles) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (Transition t : ROWS) {
            if (t.from() == state && t.step() instanceof Action a && roles.stream().anyMatch(t.roles()::contains)) {
                actions.add(a);
            }
        }
        return actions;
    }
}
