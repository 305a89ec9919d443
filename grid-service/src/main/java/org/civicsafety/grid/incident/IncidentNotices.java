package org.civicsafety.grid.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.notice.NoticeRequest;
import org.civicsafety.grid.notice.NoticeType;
import org.civicsafety.grid.notice.Notices;
import org.civicsafety.grid.notice.RecipientType;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.util.Arrays;

/**
 * Who is told what about an incident (notices.md, the grid rows): its reporter when it is dispatched, escalated,
 * resolved (asked for feedback), closed, rejected (with the reason) or linked as a duplicate; the handling unit when
 * it is dispatched or escalated to it, reopened, due soon and overdue; the area's supervisors when it is overdue. Called where
 * the change's event is written, so each notice is in the change's transaction.
 */
@ApplicationScoped
public class IncidentNotices {
    static final String SUBJECT = "incident";

    @Inject Notices notices;
    @Inject PersonalDataCipher cipher;
    @Inject ObjectMapper json;

    /**
     * The notices of a workflow step that emitted {@code event} and left the incident in its current state.
     *
     * @param reason the reason or note given with the step (a rejection's reason is told to the reporter)
     */
    void changed(String event, IncidentState from, Incident i, String reason) {
        switch (event) {
            case "dispatched" -> {
                reporter(i, NoticeType.INCIDENT_DISPATCHED, i.dueAt());
                unit(i, NoticeType.UNIT_DISPATCHED);
            }
            case "escalated" -> {
                reporter(i, NoticeType.INCIDENT_ESCALATED, i.dueAt());
                unit(i, NoticeType.UNIT_ESCALATED);
            }
            // the reporter's feedback (or a supervisor, or a call-back) sends it back to the unit
            case "reopened" -> unit(i, NoticeType.UNIT_REOPENED);
            case "overdue" -> {
                unit(i, NoticeType.UNIT_OVERDUE);
                notices.notify(request(i, RecipientType.AREA, EscalationPolicy.areaAt(i.path(), i.level()),
                        NoticeType.AREA_OVERDUE, i.dueAt(), i.assignedUnit()).once(stage(i)));
            }
            default -> {
                // the states the reporter hears about, whichever step led there
                if (from != i.state()) {
                    switch (i.state()) {
                        case RESOLVED -> reporter(i, NoticeType.INCIDENT_RESOLVED);
                        case CLOSED -> reporter(i, NoticeType.INCIDENT_CLOSED);
                        case REJECTED -> reporter(i, NoticeType.INCIDENT_REJECTED, reason == null ? "" : reason);
                        default -> {
                            // nothing to tell
                        }
                    }
                }
            }
        }
    }

    /** A new report recorded as a duplicate of {@code original}: its reporter learns the original's number. */
    void duplicate(Incident report, Incident original) {
        reporter(report, NoticeType.INCIDENT_DUPLICATE_LINKED, original.number());
    }

    /** 75 % of the stage's time has passed: the handling unit is told, once per stage. */
    void dueSoon(Incident i) {
        notices.notify(request(i, RecipientType.UNIT, i.assignedUnit(), NoticeType.UNIT_DUE_SOON, i.dueAt())
                .once(stage(i)));
    }

    /**
     * A handling stage: a level and its deadline (an escalation starts a new one), as the due-soon job's query
     * writes it too ({@link IncidentRepository#claimDueSoon}).
     */
    static String stage(Incident i) {
        return i.level() + "@" + i.dueAt().toEpochSecond();
    }

    private void reporter(Incident i, NoticeType type, Object... args) {
        if (i.reporterSub() != null) {
            notices.notify(request(i, RecipientType.USER, i.reporterSub(), type, args).reaching(contact(i)));
        }
    }

    private void unit(Incident i, NoticeType type) {
        if (i.assignedUnit() != null) {
            NoticeRequest r = request(i, RecipientType.UNIT, i.assignedUnit(), type, i.dueAt());
            notices.notify(type == NoticeType.UNIT_OVERDUE ? r.once(stage(i)) : r);
        }
    }

    private static NoticeRequest request(Incident i, RecipientType to, String recipient, NoticeType type,
            Object... args) {
        return NoticeRequest.of(to, recipient, type, SUBJECT, i.id(), i.number(), i.path(), Arrays.asList(args));
    }

    /** The phone and e-mail the reporter gave with the report, if any. */
    private NoticeRequest.Contact contact(Incident i) {
        if (i.reporterEnc() == null) {
            return NoticeRequest.Contact.NONE;
        }
        try {
            JsonNode r = json.readTree(cipher.decrypt(i.reporterEnc()));
            return new NoticeRequest.Contact(text(r, "email"), text(r, "phone"));
        } catch (JsonProcessingException e) {
            // not chained: the parser's message would quote the decrypted personal data into the log
            throw new IllegalStateException("reporter data of incident " + i.id() + " is not JSON");
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
