package org.civicsafety.cases.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which channels a notice to a person goes through besides the inbox (notices.md "Preferences and consent"): the
 * channels the recipient chose — their preferences if they set any, else their choice at registration — each only
 * with an address; statutory notices also reach a given mobile whatever was chosen, and a statutory notice that has
 * no address for a channel it should use is recorded as suppressed. A confidential reporter (misconduct report,
 * Art. 30) is told only through the channels chosen for the case, never by default.
 */
public final class DeliveryPlan {

    /** A delivery to create; {@code address} null: suppressed (nowhere to send it). */
    public record Planned(Channel channel, String address) {}

    private DeliveryPlan() {}

    public static List<Planned> plan(NoticeType type, NoticeRequest.Contact contact, Optional<Preference> pref) {
        List<Planned> out = new ArrayList<>();
        if (contact == null) {
            return out;
        }
        String mobile = pref.map(Preference::mobile).orElse(null);
        String email = pref.map(Preference::emailAddress).orElse(null);
        mobile = mobile != null ? mobile : contact.mobile();
        email = email != null ? email : contact.email();
        boolean wantSms;
        boolean wantEmail;
        if (contact.confidential()) {
            // the case's own choice, which the preferences can only switch off
            wantSms = contact.chosen().contains(Channel.SMS) && pref.map(Preference::sms).orElse(true);
            wantEmail = contact.chosen().contains(Channel.EMAIL) && pref.map(Preference::email).orElse(true);
        } else {
            wantSms = pref.map(Preference::sms).orElse(contact.chosen().contains(Channel.SMS))
                    || (type.statutory() && mobile != null);
            wantEmail = pref.map(Preference::email).orElse(contact.chosen().contains(Channel.EMAIL));
        }
        add(out, Channel.SMS, wantSms, mobile, type.statutory());
        add(out, Channel.EMAIL, wantEmail, email, type.statutory());
        return out;
    }

    private static void add(List<Planned> out, Channel channel, boolean wanted, String address, boolean statutory) {
        if (wanted && (address != null || statutory)) {
            out.add(new Planned(channel, address));
        }
    }
}
