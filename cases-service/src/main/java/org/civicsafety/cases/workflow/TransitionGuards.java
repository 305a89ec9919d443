package org.civicsafety.cases.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The contextual preconditions the table's rows name as their guards: time windows and "only once" rules. */
public final class TransitionGuards {

    public static final String REPEAT_IN_HANDLING = "REPEAT_IN_HANDLING";
    public static final String FINALIZED = "FINALIZED";

    /** What the guards need to know of a case; {@code answerStage} is the last answer given. */
    public record CaseFacts(CaseState state, Instant objectionDueAt, boolean extended, AnswerStage answerStage,
            Set<AnswerStage> ratedStages, boolean hearing, String notAcceptedReason, boolean confidential) {}

    public enum AnswerStage {
        ANSWER, REVIEW, RE_REVIEW
    }

    private TransitionGuards() {}

    /** Why {@code action} cannot be taken now by the guard of its row, or empty when it can. */
    public static Optional<String> violation(Action action, CaseFacts c, Instant now) {
        return TransitionTable.find(c.state(), action).flatMap(t -> t.guard().violation(c, now));
    }

    public static Set<Action> available(Set<Action> candidates, CaseFacts c, Instant now) {
        Set<Action> result = EnumSet.noneOf(Action.class);
        for (Action a : candidates) {
            if (violation(a, c, now).isEmpty()) {
                result.add(a);
            }
        }
        return result;
    }

    static Optional<String> objectionWindow(CaseFacts c, Instant now) {
        return c.objectionDueAt() != null && now.isAfter(c.objectionDueAt())
                ? Optional.of("an objection is only possible within 5 working days of the assignment")
                : Optional.empty();
    }

    static Optional<String> extendOnce(CaseFacts c, Instant now) {
        return c.extended() ? Optional.of("the handling period can be extended only once") : Optional.empty();
    }

    static Optional<String> rateOncePerAnswer(CaseFacts c, Instant now) {
        return c.answerStage() == null ? Optional.of("there is no answer to rate")
                : c.ratedStages().contains(c.answerStage()) ? Optional.of("this answer has already been rated")
                        : Optional.empty();
    }

    static Optional<String> hearingIdle(CaseFacts c, Instant now) {
        return c.hearing() ? Optional.of("a hearing is already in progress") : Optional.empty();
    }

    static Optional<String> hearingOngoing(CaseFacts c, Instant now) {
        return c.hearing() ? Optional.empty() : Optional.of("no hearing is in progress");
    }

    static Optional<String> noHearing(CaseFacts c, Instant now) {
        return c.hearing() ? Optional.of("end the hearing before answering the re-review") : Optional.empty();
    }

    /** A confidential reporter (Art. 30) is never named to a mediation's other party. */
    static Optional<String> notConfidential(CaseFacts c, Instant now) {
        return c.confidential() ? Optional.of("a misconduct report is not referred to mediation") : Optional.empty();
    }

    static Optional<String> repeatOnly(CaseFacts c, Instant now) {
        return REPEAT_IN_HANDLING.equals(c.notAcceptedReason()) || FINALIZED.equals(c.notAcceptedReason())
                ? Optional.empty()
                : Optional.of("only a petition not accepted as a repeat can be taken up again");
    }
}
