package org.civicsafety.cases.reception;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseApi;
import org.civicsafety.cases.casefile.CaseQueries;
import org.civicsafety.cases.casefile.CaseService;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.ApiException.Invalid;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.common.ProblemType;
import org.civicsafety.cases.notice.NoticePreferences;
import org.civicsafety.cases.notice.Preference;
import org.civicsafety.cases.privacy.Masking;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.reception.ReceptionBooking.ContactPreference;
import org.civicsafety.cases.reception.ReceptionBooking.State;
import org.civicsafety.cases.workflow.Role;

/**
 * Reception days and their bookings. A booking locks its day, takes the first free slot and is inserted under the
 * database's one-booking-per-citizen rule; a cancellation frees the slot. The citizen is told of both
 * ({@link ReceptionNotices}). Staff act inside their area; the days themselves are public.
 */
@ApplicationScoped
public class ReceptionService {

    static final String BASE = "/api/v1/reception-days/";

    @Inject ReceptionDayRepository days;
    @Inject BookingRepository bookings;
    @Inject AreaDirectory areas;
    @Inject PersonalDataCipher cipher;
    @Inject CaseService cases;
    @Inject NoticePreferences preferences;
    @Inject ReceptionNotices notices;

    @Transactional(Transactional.TxType.MANDATORY)
    public ReceptionDay create(ReceptionApi.CreateDay b, Access.Who who) {
        List<Invalid> errors = new ArrayList<>();
        Optional<String[]> path = areas.path(b.areaCode());
        if (path.isEmpty()) {
            errors.add(Invalid.of("areaCode", "unknown-area"));
        }
        if (!b.endTime().isAfter(b.startTime())) {
            errors.add(Invalid.of("endTime", "reception.end-before-start"));
        } else if (ChronoUnit.MINUTES.between(b.startTime(), b.endTime()) < b.slots()) {
            errors.add(Invalid.of("slots", "reception.slots-too-short"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request has invalid fields", errors);
        }
        if (!who.has(Role.ADMIN) && !Access.contains(path.get(), who.area())) {
            throw ApiException.forbidden("the area is outside your scope");
        }
        ReceptionDay d = new ReceptionDay();
        d.id = UUID.randomUUID();
        d.leaderName = b.leader().name().strip();
        d.leaderTitle = b.leader().title().strip();
        d.areaCode = b.areaCode();
        d.areaPath = path.get();
        d.day = b.date();
        d.startTime = b.startTime().truncatedTo(ChronoUnit.MINUTES);
        d.endTime = b.endTime().truncatedTo(ChronoUnit.MINUTES);
        d.place = b.place().strip();
        d.topics = b.topics() == null ? new String[0] : b.topics().stream().map(String::strip).toArray(String[]::new);
        d.slots = b.slots();
        d.createdBy = who.sub();
        d.createdAt = now();
        d.version = 1;
        days.persist(d);
        return d;
    }

    public static ReceptionApi.DayView view(ReceptionDay d) {
        return new ReceptionApi.DayView(d.id, new ReceptionApi.Leader(d.leaderName, d.leaderTitle), d.areaCode, d.day,
                d.startTime.toString(), d.endTime.toString(), d.place, Arrays.asList(d.topics), d.slots,
                d.slots - d.booked, Json.time(d.createdAt));
    }

    /** The public calendar: soonest first, from today unless {@code from} says otherwise. */
    public CaseApi.Page<ReceptionApi.DayView> list(String areaCode, String from, String to, String limit,
            String cursor) {
        int n = CaseQueries.limit(limit);
        CaseQueries.Cursor c = cursor == null ? null : CaseQueries.decodeCursor(cursor);
        List<ReceptionDay> page = days.page(new ReceptionDayRepository.ListQuery(
                areaCode == null ? null : CaseQueries.areaCode(areaCode),
                from == null ? LocalDate.now(Json.ZONE) : date("from", from), to == null ? null : date("to", to),
                c == null ? null : c.at(), c == null ? null : c.id(), n + 1));
        String next = null;
        if (page.size() > n) {
            page = page.subList(0, n);
            ReceptionDay last = page.get(n - 1);
            next = CaseQueries.encodeCursor(last.day.atTime(last.startTime).atZone(Json.ZONE).toInstant(), last.id);
        }
        return new CaseApi.Page<>(page.stream().map(ReceptionService::view).toList(), next);
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badField(field, "not-a-day");
        }
    }

    public ReceptionDay find(UUID id) {
        ReceptionDay d = days.findById(id);
        if (d == null) {
            throw ApiException.notFound("no such reception day");
        }
        return d;
    }

    /** The day, to staff whose area holds it (admin: any); anyone else is told it does not exist. */
    public ReceptionDay findForStaff(UUID id, Access.Who who) {
        ReceptionDay d = find(id);
        if (!staffOf(d, who)) {
            throw ApiException.notFound("no such reception day");
        }
        return d;
    }

    /** Petition officers and supervisors (and analysts, who read) over the day's area; admin everywhere. */
    static boolean staffOf(ReceptionDay d, Access.Who who) {
        return who.has(Role.ADMIN) || (who.has(Role.PETITION_OFFICER) || who.has(Role.SUPERVISOR)
                || who.has(Role.ANALYST)) && Access.contains(d.areaPath, who.area());
    }

    static boolean officerOf(ReceptionDay d, Access.Who who) {
        return who.has(Role.PETITION_OFFICER) && Access.contains(d.areaPath, who.area());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReceptionApi.BookingView book(UUID dayId, ReceptionApi.CreateBooking b, Access.Who who) {
        ReceptionDay d = days.lock(dayId).orElseThrow(() -> ApiException.notFound("no such reception day"));
        boolean officer = !who.has(Role.CITIZEN);
        if (officer && !officerOf(d, who)) {
            throw ApiException.forbidden("the reception day is outside your area");
        }
        ReceptionApi.CitizenBody citizen = b.citizen();
        List<Invalid> errors = new ArrayList<>();
        if (officer && citizen == null) {
            errors.add(Invalid.of("citizen", "reception.citizen-missing"));
        }
        if (citizen != null && isBlank(citizen.phone()) && isBlank(citizen.idNumber())) {
            errors.add(Invalid.of("citizen.phone", "case.petitioner-contact-missing"));
        }
        Optional<Preference> pref = officer ? Optional.empty() : preferences.find(who.sub());
        String phone = citizen != null && !isBlank(citizen.phone()) ? citizen.phone()
                : pref.map(Preference::mobile).orElse(null);
        String email = citizen != null && !isBlank(citizen.email()) ? citizen.email()
                : pref.map(Preference::emailAddress).orElse(null);
        if ((b.contactPreference() == ContactPreference.SMS || b.contactPreference() == ContactPreference.PHONE)
                && phone == null) {
            errors.add(Invalid.of("contactPreference", "reception.contact-phone-missing"));
        }
        if (b.contactPreference() == ContactPreference.EMAIL && email == null) {
            errors.add(Invalid.of("contactPreference", "reception.contact-email-missing"));
        }
        if (b.caseId() != null && !visible(b.caseId(), who)) {
            errors.add(Invalid.of("caseId", "reception.case-unknown"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request has invalid fields", errors);
        }
        if (d.day.isBefore(LocalDate.now(Json.ZONE))) {
            throw ApiException.illegalTransition("the reception day is over");
        }
        int slot = Slots.firstFree(d.slots, bookings.takenSlots(d.id));
        if (slot == 0) {
            throw new ApiException(ProblemType.CONFLICT, "the reception day is fully booked", null);
        }
        ReceptionBooking r = new ReceptionBooking();
        r.id = UUID.randomUUID();
        r.dayId = d.id;
        r.number = String.format("JF-%d-%06d", LocalDate.now(Json.ZONE).getYear(), bookings.nextNumber());
        r.slot = slot;
        r.ownerSub = officer ? b.citizenUserId() : who.sub();
        if (r.ownerSub != null) {
            // an account holds one booking a day whoever books it
            r.citizenRef = "sub:" + r.ownerSub;
        } else {
            PersonalDataCipher.Pseudonym ref = cipher.pseudonym(citizen.idNumber(), citizen.phone());
            r.citizenRef = ref.ref();
            r.citizenRefKeyId = ref.keyId();
            // while a key rotation runs, a booking made earlier may still carry the reference of an older key (the
            // day is locked, so this cannot race; the index decides for the current key's)
            if (bookings.holdsAny(d.id, cipher.pseudonymsUnderAllKeys(citizen.idNumber(), citizen.phone()))) {
                throw alreadyBooked();
            }
        }
        if (citizen != null) {
            r.citizenEnc = cipher.encrypt(new PersonalData(new PersonalData.Petitioner(citizen.name().strip(),
                    citizen.phone(), citizen.idNumber(), null, citizen.email()), List.of()));
        }
        r.summary = b.summary().strip();
        r.caseId = b.caseId();
        r.contactPreference = b.contactPreference();
        r.state = State.BOOKED;
        r.bookedBy = who.sub();
        r.bookedRole = (officer ? Role.PETITION_OFFICER : Role.CITIZEN).claim();
        r.createdAt = now();
        r.version = 1;
        if (!bookings.insert(r)) {
            throw alreadyBooked();
        }
        d.booked++;
        d.version++;
        notices.booked(d, r, phone, email);
        return view(d, r, PersonalView.FULL);
    }

    private static ApiException alreadyBooked() {
        return new ApiException(ProblemType.CONFLICT, "the citizen already holds a booking on this reception day",
                null);
    }

    /** Cancels a live booking (the citizen's own, or by an officer over the day's area): its slot is free again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(UUID dayId, UUID bookingId, Access.Who who) {
        ReceptionDay d = days.lock(dayId).orElseThrow(() -> ApiException.notFound("no such booking"));
        ReceptionBooking r = bookings.lock(bookingId).filter(x -> x.dayId.equals(d.id))
                .filter(x -> owner(x, who) || officerOf(d, who))
                .orElseThrow(() -> ApiException.notFound("no such booking"));
        if (r.state == State.CANCELLED) {
            return;
        }
        if (r.state == State.RECEIVED) {
            throw ApiException.illegalTransition("the citizen has already been received");
        }
        r.state = State.CANCELLED;
        r.cancelledAt = now();
        r.version++;
        d.booked--;
        d.version++;
        notices.cancelled(d, r);
    }

    /** A booking, to its citizen or staff over the day's area. */
    public ReceptionApi.BookingView booking(UUID dayId, UUID bookingId, Access.Who who) {
        ReceptionDay d = find(dayId);
        ReceptionBooking r = bookings.findByIdOptional(bookingId).filter(x -> x.dayId.equals(d.id))
                .filter(x -> owner(x, who) || staffOf(d, who))
                .orElseThrow(() -> ApiException.notFound("no such booking"));
        return view(d, r, personalView(d, r, who));
    }

    /** The day's bookings, by slot, for staff over its area. */
    public CaseApi.Page<ReceptionApi.BookingView> bookingsOf(UUID dayId, Access.Who who) {
        ReceptionDay d = findForStaff(dayId, who);
        return new CaseApi.Page<>(bookings.ofDay(d.id).stream().map(r -> view(d, r, personalView(d, r, who)))
                .toList(), null);
    }

    /** The caller's own bookings, newest first. */
    public CaseApi.Page<ReceptionApi.BookingView> mine(Access.Who who, String limit, String cursor) {
        int n = CaseQueries.limit(limit);
        CaseQueries.Cursor c = cursor == null ? null : CaseQueries.decodeCursor(cursor);
        List<ReceptionBooking> page = bookings.ofOwner(who.sub(), c == null ? null : c.at(),
                c == null ? null : c.id(), n + 1);
        String next = null;
        if (page.size() > n) {
            page = page.subList(0, n);
            ReceptionBooking last = page.get(n - 1);
            next = CaseQueries.encodeCursor(last.createdAt.toInstant(), last.id);
        }
        return new CaseApi.Page<>(page.stream().map(r -> view(find(r.dayId), r, PersonalView.FULL)).toList(), next);
    }

    static boolean owner(ReceptionBooking r, Access.Who who) {
        return who.has(Role.CITIZEN) && who.sub() != null && who.sub().equals(r.ownerSub);
    }

    /** As for petitioners (cases.md "Privacy"): whole for the citizen and the petition office, masked otherwise. */
    enum PersonalView {
        FULL, MASKED
    }

    static PersonalView personalView(ReceptionDay d, ReceptionBooking r, Access.Who who) {
        return owner(r, who) || officerOf(d, who) ? PersonalView.FULL : PersonalView.MASKED;
    }

    static ReceptionApi.Person person(PersonalDataCipher cipher, byte[] enc, PersonalView v) {
        if (enc == null) {
            return null;
        }
        PersonalData pd = cipher.decryptPersonalData(enc);
        PersonalData.Petitioner p = (v == PersonalView.FULL ? pd : Masking.mask(pd)).petitioner();
        return new ReceptionApi.Person(p.name(), p.phone(), p.idNumber(), p.email());
    }

    ReceptionApi.BookingView view(ReceptionDay d, ReceptionBooking r, PersonalView v) {
        Slots.Span s = d.slot(r.slot);
        return new ReceptionApi.BookingView(r.id, r.number, d.id, r.slot, Json.time(s.start()), Json.time(s.end()),
                r.state, r.summary, r.caseId, r.contactPreference, person(cipher, r.citizenEnc, v),
                Json.time(r.createdAt), Json.time(r.cancelledAt), BASE + d.id + "/bookings/" + r.id);
    }

    /** Whether the caller may see the case (a citizen: their own). */
    boolean visible(UUID caseId, Access.Who who) {
        try {
            cases.findVisible(caseId, who);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
