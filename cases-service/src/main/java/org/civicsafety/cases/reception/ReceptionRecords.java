package org.civicsafety.cases.reception;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseApi;
import org.civicsafety.cases.casefile.CaseRepository;
import org.civicsafety.cases.casefile.CaseService;
import org.civicsafety.cases.casefile.SupervisionService;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.ApiException.Invalid;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.reception.ReceptionBooking.State;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.Enums;

/**
 * The record of a reception day (mediation.md): everyone received — a booking, once, or a walk-in — and what came of
 * it. {@code NEW_CASE} registers a petition (channel VISIT) through {@link CaseService}; {@code INSTRUCTED} puts the
 * case on the backlog ledger under the day's leader with the instruction as a supervision note
 * ({@link SupervisionService#instruct}); the record names the case either way.
 */
@ApplicationScoped
public class ReceptionRecords {

    @Inject ReceptionService reception;
    @Inject BookingRepository bookings;
    @Inject RecordRepository records;
    @Inject CaseService cases;
    @Inject CaseRepository caseRows;
    @Inject SupervisionService supervision;
    @Inject PersonalDataCipher cipher;

    @Transactional(Transactional.TxType.MANDATORY)
    public ReceptionApi.RecordView record(UUID dayId, ReceptionApi.CreateRecord b, Access.Who who) {
        ReceptionDay d = reception.find(dayId);
        if (!ReceptionService.officerOf(d, who)) {
            throw ApiException.notFound("no such reception day");
        }
        List<Invalid> errors = new ArrayList<>();
        if ((b.bookingId() == null) == (b.walkIn() == null)) {
            errors.add(Invalid.of(b.bookingId() == null ? "bookingId" : "walkIn", "reception.booking-or-walk-in"));
        }
        ReceptionBooking booking = b.bookingId() == null ? null
                : bookings.lock(b.bookingId()).filter(x -> x.dayId.equals(d.id)).orElse(null);
        if (b.bookingId() != null && booking == null) {
            errors.add(Invalid.of("bookingId", "reception.booking-unknown"));
        }
        UUID caseId = b.caseId() != null ? b.caseId() : booking == null ? null : booking.caseId;
        switch (b.outcome()) {
            case NEW_CASE -> {
                if (b.newCase() == null) {
                    errors.add(Invalid.of("case", "required"));
                }
            }
            case INSTRUCTED -> {
                if (caseId == null) {
                    errors.add(Invalid.of("caseId", "required"));
                } else if (!reception.visible(caseId, who)) {
                    errors.add(Invalid.of("caseId", "reception.case-unknown"));
                }
                if (ReceptionService.isBlank(b.instruction())) {
                    errors.add(Invalid.of("instruction", "required"));
                }
            }
            case REFERRED -> {
                if (b.referral() == null) {
                    errors.add(Invalid.of("referral", "required"));
                }
            }
            case RESOLVED_ON_SPOT -> {
                // nothing more than the record itself
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request has invalid fields", errors);
        }
        if (booking != null && booking.state != State.BOOKED) {
            throw ApiException.illegalTransition(booking.state == State.RECEIVED
                    ? "the booking has already been received" : "the booking was cancelled");
        }
        ReceptionRecord r = new ReceptionRecord();
        r.id = UUID.randomUUID();
        r.dayId = d.id;
        r.bookingId = booking == null ? null : booking.id;
        if (b.walkIn() != null) {
            r.walkInEnc = cipher.encrypt(new PersonalData(new PersonalData.Petitioner(b.walkIn().name().strip(),
                    b.walkIn().phone(), null, null), List.of()));
        }
        r.outcome = b.outcome();
        r.note = b.note();
        r.recordedBy = who.sub();
        r.recordedAt = ReceptionService.now();
        switch (b.outcome()) {
            case NEW_CASE -> r.caseId = register(d, b, booking, who).id;
            case INSTRUCTED -> {
                r.caseId = supervision.instruct(caseId, d.leader(), b.instruction().strip(), who).id;
                r.instruction = b.instruction().strip();
            }
            case REFERRED -> r.referral = b.referral();
            case RESOLVED_ON_SPOT -> {
                // recorded as it is
            }
        }
        records.persist(r);
        if (booking != null) {
            booking.state = State.RECEIVED;
            booking.version++;
        }
        return view(d, r, booking, ReceptionService.PersonalView.FULL);
    }

    /**
     * Registers the petition received: channel VISIT, the area of the day unless given, the petitioner as given or
     * else the booking's citizen (who then follows the case with their account) or the walk-in.
     */
    private CaseEntity register(ReceptionDay d, ReceptionApi.CreateRecord b, ReceptionBooking booking,
            Access.Who who) {
        ReceptionApi.NewCase c = b.newCase();
        CaseApi.PetitionerBody petitioner = c.petitioner();
        if (petitioner == null && booking != null && booking.citizenEnc != null) {
            PersonalData.Petitioner p = cipher.decryptPersonalData(booking.citizenEnc).petitioner();
            petitioner = new CaseApi.PetitionerBody(p.name(), p.phone(), p.idNumber(), null, p.email());
        }
        if (petitioner == null && b.walkIn() != null) {
            petitioner = new CaseApi.PetitionerBody(b.walkIn().name().strip(), b.walkIn().phone(), null, null, null);
        }
        if (petitioner == null) {
            throw ApiException.badField("case.petitioner", "required");
        }
        CaseApi.CreateCase create = new CaseApi.CreateCase(Enums.Channel.VISIT, c.type(), c.title(), c.content(),
                c.areaCode() == null ? d.areaCode : c.areaCode(), petitioner, c.groupSize(), null,
                booking == null ? null : booking.ownerSub, c.noticeChannels());
        try {
            return cases.register(create, who).entity();
        } catch (ApiException e) {
            // the registration's own fields are this body's "case.…"
            if (e.errors().isEmpty()) {
                throw e;
            }
            throw ApiException.badRequest(e.getMessage(), e.errors().stream()
                    .map(i -> new Invalid("case." + i.field(), i.key(), i.args())).toList());
        }
    }

    /** The day's records, for staff over its area. */
    public CaseApi.Page<ReceptionApi.RecordView> ofDay(UUID dayId, Access.Who who) {
        ReceptionDay d = reception.findForStaff(dayId, who);
        ReceptionService.PersonalView v = ReceptionService.officerOf(d, who) ? ReceptionService.PersonalView.FULL
                : ReceptionService.PersonalView.MASKED;
        return new CaseApi.Page<>(records.ofDay(d.id).stream()
                .map(r -> view(d, r, r.bookingId == null ? null : bookings.findById(r.bookingId), v)).toList(), null);
    }

    public ReceptionApi.RecordView find(UUID dayId, UUID recordId, Access.Who who) {
        ReceptionDay d = reception.findForStaff(dayId, who);
        ReceptionRecord r = records.findByIdOptional(recordId).filter(x -> x.dayId.equals(d.id))
                .orElseThrow(() -> ApiException.notFound("no such reception record"));
        return view(d, r, r.bookingId == null ? null : bookings.findById(r.bookingId),
                ReceptionService.officerOf(d, who) ? ReceptionService.PersonalView.FULL
                        : ReceptionService.PersonalView.MASKED);
    }

    private ReceptionApi.RecordView view(ReceptionDay d, ReceptionRecord r, ReceptionBooking booking,
            ReceptionService.PersonalView v) {
        CaseEntity c = r.caseId == null ? null : caseRows.findById(r.caseId);
        return new ReceptionApi.RecordView(r.id, d.id, r.bookingId, booking == null ? null : booking.number,
                ReceptionService.person(cipher, r.walkInEnc, v), r.outcome, r.caseId, c == null ? null : c.number,
                r.instruction, r.referral, r.note, r.recordedBy, Json.time(r.recordedAt),
                ReceptionService.BASE + d.id + "/records/" + r.id);
    }
}
