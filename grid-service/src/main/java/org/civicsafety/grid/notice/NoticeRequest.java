package org.civicsafety.grid.notice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One notice to write with {@link Notices#notify}: to whom, of which type, about what. {@code args} fill the type's
 * template after the subject's number (no personal data). {@code stage} makes the notice once per stage (null:
 * every time). {@code contact} is the contact data given with the subject itself (a report's phone or e-mail),
 * which wins over the recipient's preferences; it is only ever stored sealed.
 */
public record NoticeRequest(RecipientType recipientType, String recipient, NoticeType type, String subjectType,
        UUID subjectId, String subjectNumber, List<String> areaPath, List<Object> args, String stage,
        Contact contact) {

    /** E-mail address and mobile number to reach a recipient on; either may be null. */
    public record Contact(String email, String mobile) {
        public static final Contact NONE = new Contact(null, null);
    }

    public NoticeRequest {
        areaPath = areaPath == null ? List.of() : List.copyOf(areaPath);
        // an argument may be null (a deadline not set): the template writes it as empty
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        contact = contact == null ? Contact.NONE : contact;
    }

    /** A notice without stage or contact of its own. */
    public static NoticeRequest of(RecipientType recipientType, String recipient, NoticeType type, String subjectType,
            UUID subjectId, String subjectNumber, List<String> areaPath, List<Object> args) {
        return new NoticeRequest(recipientType, recipient, type, subjectType, subjectId, subjectNumber, areaPath, args,
                null, Contact.NONE);
    }

    public NoticeRequest once(String stageKey) {
        return new NoticeRequest(recipientType, recipient, type, subjectType, subjectId, subjectNumber, areaPath, args,
                stageKey, contact);
    }

    public NoticeRequest reaching(Contact given) {
        return new NoticeRequest(recipientType, recipient, type, subjectType, subjectId, subjectNumber, areaPath, args,
                stage, given);
    }
}
