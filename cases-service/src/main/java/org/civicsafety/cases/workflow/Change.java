package org.civicsafety.cases.workflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.calendar.StatutoryDeadlines;
import org.civicsafety.cases.workflow.Enums.Satisfaction;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;

/**
 * One application of a table row: what its effect reads (the body, the time, the deadlines, the actor's area, the
 * world outside the case through {@link Outside}) and what it leaves for the journal (the history note, the events'
 * data, any event that depends on the case).
 */
public final class Change {

    /** What an effect needs beyond the case itself; the service implements it, refusing what the caller may not do. */
    public interface Outside {
        /** The path of a known area (the refusal names {@code field}). */
        String[] areaPath(String field, String code);

        /** Refuses a unit not in grid-service's unit directory, or inactive (the refusal names {@code field}). */
        void requireActiveUnit(String field, String unitId);

        /** The open case in the caller's scope that {@code merged} is folded into, locked. */
        CaseEntity mergeTarget(CaseEntity merged, UUID id);

        /** Journals a change the transition made to another case. */
        void changed(CaseEntity other, String action, String note);

        void rate(CaseEntity c, AnswerStage stage, Satisfaction satisfaction, String comment);

        /** Opens the mediation the case is referred to (its petitioner the applicant); the mediation's id. */
        UUID referToMediation(CaseEntity c, TransitionBody body);
    }

    /** An event whose data differs from the row's events'. */
    public record Emitted(CaseEvent type, Map<String, Object> data) {}

    private final TransitionBody body;
    private final Instant now;
    private final StatutoryDeadlines deadlines;
    private final String actorArea;
    private final Outside outside;
    private String note;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Emitted> alsoEmitted = new ArrayList<>();

    public Change(TransitionBody body, Instant now, StatutoryDeadlines deadlines, String actorArea, Outside outside) {
        this.body = body;
        this.now = now;
        this.deadlines = deadlines;
        this.actorArea = actorArea;
        this.outside = outside;
        this.note = body == null ? null : body.note();
    }

    public TransitionBody body() {
        return body;
    }
    public Instant now() {
        return now;
    }
    public OffsetDateTime nowUtc() {
        return now.atOffset(ZoneOffset.UTC);
    }
    public StatutoryDeadlines deadlines() {
        return deadlines;
    }
    public String actorArea() {
        return actorArea;
    }
    public Outside outside() {
        return outside;
    }
    public String note() {
        return note;
    }
    public Map<String, Object> data() {
        return data;
    }
    public List<Emitted> alsoEmitted() {
        return alsoEmitted;
    }

    /** The history note: {@code what}, followed by the caller's own note if there is one. */
    void note(String what) {
        String own = body == null ? null : body.note();
        note = isBlank(own) ? what : isBlank(what) ? own : what + " — " + own;
    }

    /** A history note that leaves out the caller's note (a rating's comment may name the petitioner). */
    void noteOnly(String what) {
        note = what;
    }

    void put(String key, Object value) {
        data.put(key, value);
    }

    void emit(CaseEvent type, Map<String, Object> eventData) {
        alsoEmitted.add(new Emitted(type, eventData));
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
