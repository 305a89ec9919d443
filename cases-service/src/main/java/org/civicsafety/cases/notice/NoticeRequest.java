package org.civicsafety.cases.notice;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A notice to write: its type, the recipient's id ({@code sub}, unit id or area code as the type's
 * {@link RecipientType} says; null for a petitioner without an account), the subject (a case), the template's
 * arguments (no personal data: they end up in the body), the once-per-stage key (null for the others) and, for a
 * person, where they may be reached.
 */
public record NoticeRequest(NoticeType type, String recipient, Subject subject, Map<String, String> args,
        String stage, Contact contact) {

    /**
     * What the notice is about ({@code type} case, mediation or reception-booking); the area path scopes it for
     * supervisors.
     */
    public record Subject(String type, UUID id, String number, String[] areaPath) {
        public static final String CASE = "case";
        public static final String MEDIATION = "mediation";
        public static final String RECEPTION_BOOKING = "reception-booking";

        /** A case. */
        public Subject(UUID id, String number, String[] areaPath) {
            this(CASE, id, number, areaPath);
        }
    }

    /**
     * The petitioner's mobile and e-mail as the case holds them (either may be null), the channels they chose at
     * registration, and whether they are a confidential reporter (told only through channels they chose).
     */
    public record Contact(String mobile, String email, Set<Channel> chosen, boolean confidential) {}
}
