package org.civicsafety.cases.reception;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.civicsafety.cases.notice.Channel;
import org.civicsafety.cases.notice.NoticeRequest;
import org.civicsafety.cases.notice.NoticeType;
import org.civicsafety.cases.notice.Notices;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/**
 * The citizen is told of their booking and of its cancellation (notices.md): in their inbox when they have an
 * account, and by the channel they chose for the booking (SMS or e-mail; PHONE — the office calls them — and NONE
 * add none), through the notice design's preferences and deliveries. The texts name the booking number, the leader,
 * day, slot and place — never the citizen.
 */
@ApplicationScoped
public class ReceptionNotices {

    @Inject Notices notices;
    @Inject PersonalDataCipher cipher;

    @Transactional(Transactional.TxType.MANDATORY)
    public void booked(ReceptionDay d, ReceptionBooking b, String phone, String email) {
        tell(NoticeType.RECEPTION_BOOKED, d, b, phone, email);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(ReceptionDay d, ReceptionBooking b) {
        PersonalData.Petitioner p = b.citizenEnc == null ? null
                : cipher.decryptPersonalData(b.citizenEnc).petitioner();
        tell(NoticeType.RECEPTION_CANCELLED, d, b, p == null ? null : p.phone(), p == null ? null : p.email());
    }

    private void tell(NoticeType type, ReceptionDay d, ReceptionBooking b, String phone, String email) {
        Set<Channel> chosen = switch (b.contactPreference) {
            case SMS -> EnumSet.of(Channel.SMS);
            case EMAIL -> EnumSet.of(Channel.EMAIL);
            case PHONE, NONE -> EnumSet.noneOf(Channel.class);
        };
        Slots.Span s = d.slot(b.slot);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("number", b.number);
        args.put("leader", d.leader());
        args.put("date", d.day.toString());
        args.put("slot", s.start().toLocalTime() + "–" + s.end().toLocalTime());
        args.put("place", d.place);
        notices.notify(new NoticeRequest(type, b.ownerSub, new NoticeRequest.Subject(
                NoticeRequest.Subject.RECEPTION_BOOKING, b.id, b.number, d.areaPath), args, null,
                new NoticeRequest.Contact(phone, email, chosen, false)));
    }
}
