package org.civicsafety.cases.mediation;

import static org.civicsafety.cases.mediation.MediationAction.*;
import static org.civicsafety.cases.mediation.MediationState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.ProblemType;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.workflow.Role;
import org.junit.jupiter.api.Test;

/** The mediation's table without Quarkus: its rows, and each effect on a mediation in memory. */
class MediationTableTest {

    /** 2026-12-05 10:00 in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    private static final UUID APPLICANT = UUID.randomUUID();
    private static final UUID RESPONDENT = UUID.randomUUID();
    private static final UUID PETITION = UUID.randomUUID();
    /** Sessions are kept as a mark; a petition is "registered" as {@link #PETITION}. */
    private static final MediationChange.Outside OUTSIDE = new MediationChange.Outside() {
        @Override
        public void addSession(MediationEntity m, MediationBody session) {
            m.sessionsEnc = new byte[1];
        }

        @Override
        public UUID registerPetition(MediationEntity m) {
            return PETITION;
        }
    };

    private static MediationEntity open() {
        MediationEntity m = new MediationEntity();
        m.state = OPEN;
        m.parties = List.of(new MediationEntity.Party(APPLICANT, PartyRole.APPLICANT, "A", false),
                new MediationEntity.Party(RESPONDENT, PartyRole.RESPONDENT, "B", false));
        m.openedAt = NOW.atOffset(java.time.ZoneOffset.UTC);
        m.obligations = List.of();
        return m;
    }

    private static MediationBody body(MediationAction action) {
        return new MediationBody(action, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static MediationBody party(MediationAction action, UUID partyId, String reason) {
        return new MediationBody(action, partyId, reason, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static MediationChange apply(MediationEntity m, MediationBody b, Instant at) {
        MediationTable.Row row = MediationTable.find(m.state, b.action()).orElseThrow();
        assertEquals(List.of(), row.missing(b), b.action() + " lacks fields");
        assertTrue(row.guard().violation(m, at).isEmpty(), b.action() + " guarded");
        MediationChange ch = new MediationChange(b, at, OUTSIDE);
        row.effect().accept(m, ch);
        assertTrue(row.to().contains(m.state), b.action() + " left " + m.state);
        return ch;
    }

    private static MediationEntity inMediation() {
        MediationEntity m = open();
        apply(m, party(RECORD_CONSENT, APPLICANT, null), NOW);
        apply(m, party(RECORD_CONSENT, RESPONDENT, null), NOW);
        return m;
    }

    private static MediationEntity agreed(Instant at) {
        MediationEntity m = inMediation();
        apply(m, new MediationBody(CONCLUDE_AGREEMENT, null, null, null, null, null, null, null, true, "terms",
                List.of(new MediationBody.ObligationBody(RESPONDENT, "pay", LocalDate.of(2026, 12, 31))), null, null,
                null, null, null), at);
        return m;
    }

    private static void expect(MediationState from, MediationAction action, Set<MediationState> to) {
        MediationTable.Row row = MediationTable.find(from, action)
                .orElseThrow(() -> new AssertionError(from + " × " + action + " missing"));
        assertEquals(to, row.to(), from + " × " + action);
        assertEquals(Set.of(Role.MEDIATOR), row.roles(), from + " × " + action + " is the mediator's");
    }

    @Test
    void everyRowOfTheSpec() {
        expect(OPEN, RECORD_CONSENT, EnumSet.of(OPEN, IN_MEDIATION));
        expect(OPEN, REFUSE, EnumSet.of(ENDED));
        expect(IN_MEDIATION, ADD_SESSION, EnumSet.of(IN_MEDIATION));
        expect(IN_MEDIATION, EXTEND, EnumSet.of(IN_MEDIATION));
        expect(IN_MEDIATION, CONCLUDE_AGREEMENT, EnumSet.of(AGREED));
        expect(IN_MEDIATION, CONCLUDE_FAILED, EnumSet.of(ENDED));
        expect(OPEN, WITHDRAW, EnumSet.of(ENDED));
        expect(IN_MEDIATION, WITHDRAW, EnumSet.of(ENDED));
        expect(AGREED, RECORD_JUDICIAL_CONFIRMATION, EnumSet.of(AGREED));
        expect(AGREED, FOLLOW_UP, EnumSet.of(AGREED, FULFILLED));
        expect(AGREED, REOPEN, EnumSet.of(IN_MEDIATION));
        long callers = MediationTable.rows().stream().filter(r -> !r.action().bySystem()).count();
        assertEquals(11, callers, "no caller's row beyond the spec's");
        for (MediationState terminal : List.of(FULFILLED, ENDED)) {
            assertTrue(MediationTable.rows().stream().noneMatch(r -> r.from() == terminal), terminal + " is final");
        }
        // the clock flags only running mediations, by no role
        assertEquals(Set.of(OPEN, IN_MEDIATION), MediationTable.rows().stream().filter(r -> r.action().bySystem())
                .peek(r -> assertEquals(Set.of(), r.roles())).map(MediationTable.Row::from)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void everyPartyConsentsBeforeTheThirtyDayClockStarts() {
        MediationEntity m = open();
        MediationChange first = apply(m, party(RECORD_CONSENT, APPLICANT, null), NOW);
        assertEquals(OPEN, m.state);
        assertNull(m.dueAt);
        assertTrue(first.note().contains(APPLICANT.toString()));
        ApiException again = assertThrows(ApiException.class,
                () -> apply(m, party(RECORD_CONSENT, APPLICANT, null), NOW));
        assertEquals(ProblemType.ILLEGAL_TRANSITION, again.type());
        apply(m, party(RECORD_CONSENT, RESPONDENT, null), NOW);
        assertEquals(IN_MEDIATION, m.state);
        // the end of the 30th calendar day after 2026-12-05, Shanghai time
        assertEquals(OffsetDateTime.parse("2027-01-04T23:59:59+08:00"), m.dueAt);
        ApiException stranger = assertThrows(ApiException.class,
                () -> apply(open(), party(RECORD_CONSENT, UUID.randomUUID(), null), NOW));
        assertEquals("partyId", stranger.errors().getFirst().field());
    }

    @Test
    void aRefusalOrAWithdrawalEndsItWithoutCountingAsConcluded() {
        MediationEntity refused = open();
        apply(refused, party(REFUSE, RESPONDENT, "not willing"), NOW.plus(2, ChronoUnit.DAYS));
        assertEquals(ENDED, refused.state);
        assertEquals(Outcome.REFUSED, refused.outcome);
        assertEquals(2, refused.durationDays, "from the opening: it never was in mediation");
        MediationEntity withdrawn = inMediation();
        apply(withdrawn, party(WITHDRAW, APPLICANT, "settled privately"), NOW.plus(5, ChronoUnit.DAYS));
        assertEquals(Outcome.WITHDRAWN, withdrawn.outcome);
        assertEquals(5, withdrawn.durationDays);
        assertEquals(List.of("reason"), MediationTable.find(OPEN, REFUSE).orElseThrow()
                .missing(party(REFUSE, RESPONDENT, " ")).stream().map(MediationTable.Required::field).toList());
    }

    @Test
    void sessionsAndOneExtensionOfAtMostThirtyDays() {
        MediationEntity m = inMediation();
        apply(m, new MediationBody(ADD_SESSION, null, null, NOW.atOffset(java.time.ZoneOffset.UTC), "room", List.of(),
                null, null, null, null, null, null, null, null, null, null), NOW);
        assertEquals(1, m.sessionCount);
        MediationTable.Row extend = MediationTable.find(IN_MEDIATION, EXTEND).orElseThrow();
        MediationBody tooLong = new MediationBody(EXTEND, null, "parties agree", null, null, null, null, 31, null,
                null, null, null, null, null, null, null);
        assertEquals("days", extend.missing(tooLong).getFirst().field());
        apply(m, new MediationBody(EXTEND, null, "parties agree", null, null, null, null, 10, null, null, null, null,
                null, null, null, null), NOW);
        assertEquals(OffsetDateTime.parse("2027-01-14T23:59:59+08:00"), m.dueAt);
        assertTrue(extend.guard().violation(m, NOW).isPresent(), "only once");
        assertFalse(MediationTable.available(m, NOW).contains(EXTEND));
    }

    @Test
    void anAgreementIsFollowedUpUntilFulfilledOrReopened() {
        MediationEntity m = agreed(NOW.plus(12, ChronoUnit.DAYS));
        assertEquals(AGREED, m.state);
        assertEquals(Outcome.AGREED, m.outcome);
        assertEquals(12, m.durationDays);
        UUID obligation = m.obligations.getFirst().id();
        apply(m, new MediationBody(FOLLOW_UP, null, null, null, null, null, null, null, null, null, null, null, null,
                null, List.of(new MediationBody.ResultBody(obligation, MediationEntity.ObligationStatus.PARTIAL)),
                "half paid"), NOW.plus(20, ChronoUnit.DAYS));
        assertEquals(AGREED, m.state);
        apply(m, new MediationBody(FOLLOW_UP, null, null, null, null, null, null, null, null, null, null, null, null,
                null, List.of(new MediationBody.ResultBody(obligation, MediationEntity.ObligationStatus.FULFILLED)),
                "paid"), NOW.plus(40, ChronoUnit.DAYS));
        assertEquals(FULFILLED, m.state);
        assertEquals(Outcome.AGREED, m.outcome);

        MediationEntity breached = agreed(NOW);
        apply(breached, new MediationBody(REOPEN, null, "not paid", null, null, null, null, null, null, null, null,
                null, null, null, null, null), NOW.plus(40, ChronoUnit.DAYS));
        assertEquals(IN_MEDIATION, breached.state);
        assertNull(breached.outcome, "the agreement no longer counts");
        assertEquals(OffsetDateTime.parse("2027-02-13T23:59:59+08:00"), breached.dueAt, "a new deadline");
    }

    @Test
    void aJudicialConfirmationOnlyWithinThirtyDaysOfTheAgreement() {
        MediationEntity m = agreed(NOW);
        MediationTable.Row row = MediationTable.find(AGREED, RECORD_JUDICIAL_CONFIRMATION).orElseThrow();
        assertTrue(row.guard().violation(m, NOW.plus(31, ChronoUnit.DAYS)).isPresent());
        MediationBody early = new MediationBody(RECORD_JUDICIAL_CONFIRMATION, null, null, null, null, null, null,
                null, null, null, null, null, "court", LocalDate.of(2026, 12, 1), null, null);
        ApiException before = assertThrows(ApiException.class, () -> apply(m, early, NOW.plus(3, ChronoUnit.DAYS)));
        assertEquals("confirmedOn", before.errors().getFirst().field());
        apply(m, new MediationBody(RECORD_JUDICIAL_CONFIRMATION, null, null, null, null, null, null, null, null, null,
                null, null, "县人民法院", LocalDate.of(2026, 12, 7), null, null), NOW.plus(3, ChronoUnit.DAYS));
        assertEquals("县人民法院", m.judicialCourt);
        assertTrue(row.guard().violation(m, NOW.plus(4, ChronoUnit.DAYS)).isPresent(), "once");
    }

    @Test
    void aFailureNamesItsReferralAndObligationsNameParties() {
        MediationEntity m = inMediation();
        MediationTable.Row failed = MediationTable.find(IN_MEDIATION, CONCLUDE_FAILED).orElseThrow();
        assertEquals(List.of("reason", "referral"), failed.missing(body(CONCLUDE_FAILED)).stream()
                .map(MediationTable.Required::field).toList());
        MediationBody strangerOwes = new MediationBody(CONCLUDE_AGREEMENT, null, null, null, null, null, null, null,
                true, "terms", new ArrayList<>(List.of(new MediationBody.ObligationBody(UUID.randomUUID(), "pay",
                        LocalDate.of(2027, 1, 1)))),
                null, null, null, null, null);
        ApiException e = assertThrows(ApiException.class, () -> apply(m, strangerOwes, NOW));
        assertEquals("obligations[0].partyId", e.errors().getFirst().field());
        apply(m, new MediationBody(CONCLUDE_FAILED, null, "no common ground", null, null, null, null, null, null, null,
                null, Referral.PETITION, null, null, null, null), NOW);
        assertEquals(ENDED, m.state);
        assertEquals(Outcome.FAILED, m.outcome);
        assertEquals(Referral.PETITION, m.referral);
        assertEquals(PETITION, m.referredCaseId, "the applicant's petition is registered");
        MediationEntity litigation = inMediation();
        apply(litigation, new MediationBody(CONCLUDE_FAILED, null, "no common ground", null, null, null, null, null,
                null, null, null, Referral.LITIGATION, null, null, null, null), NOW);
        assertNull(litigation.referredCaseId);
    }
}
