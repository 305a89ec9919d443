package org.civicsafety.cases.reception;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/**
 * The {@code reception_booking} table. A booking is inserted with SQL so that the database's one-booking-per-citizen
 * index decides a race; it is then read, cancelled and received as an entity. The citizen's contact is ciphertext
 * the re-encryption job moves to new keys (with the pseudonymous {@code citizen_ref} made under an old key).
 */
@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<ReceptionBooking, UUID>, EncryptedTable<UUID> {

    record Ciphertext(UUID id, byte[] citizenEnc, String citizenRefKeyId) {}

    @Inject PersonalDataCipher cipher;

    public long nextNumber() {
        // SQL: a database sequence has no ORM API.
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('reception_booking_number_seq')")
                .getSingleResult()).longValue();
    }

    /** The slots the day's live bookings hold (the day is locked). */
    @SuppressWarnings("unchecked")
    public Set<Integer> takenSlots(UUID dayId) {
        List<Number> rows = getEntityManager().createNativeQuery(
                "SELECT slot FROM reception_booking WHERE day_id = ?1 AND state <> 'CANCELLED'")
                .setParameter(1, dayId).getResultList();
        Set<Integer> taken = new HashSet<>();
        rows.forEach(n -> taken.add(n.intValue()));
        return taken;
    }

    /**
     * False when the citizen already holds a booking that day. SQL: {@code ON CONFLICT} on the partial unique index
     * makes the rule the database's — a concurrent second booking waits for the first and then inserts nothing.
     */
    public boolean insert(ReceptionBooking b) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO reception_booking (id, day_id, number, slot, citizen_ref, citizen_ref_key_id, citizen_enc,
                    owner_sub, summary, case_id, contact_preference, state, booked_by, booked_role, created_at, version)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                ON CONFLICT (day_id, citizen_ref) WHERE state <> 'CANCELLED' DO NOTHING""")
                .setParameter(1, b.id).setParameter(2, b.dayId).setParameter(3, b.number).setParameter(4, b.slot)
                .setParameter(5, b.citizenRef).setParameter(6, b.citizenRefKeyId).setParameter(7, b.citizenEnc)
                .setParameter(8, b.ownerSub).setParameter(9, b.summary).setParameter(10, b.caseId)
                .setParameter(11, b.contactPreference.name()).setParameter(12, b.state.name())
                .setParameter(13, b.bookedBy).setParameter(14, b.bookedRole).setParameter(15, b.createdAt)
                .setParameter(16, b.version).executeUpdate() == 1;
    }

    /** Whether a live booking of the day holds any of these citizen references. */
    public boolean holdsAny(UUID dayId, List<String> citizenRefs) {
        return count("dayId = ?1 AND citizenRef IN ?2 AND state <> ?3", dayId, citizenRefs,
                ReceptionBooking.State.CANCELLED) > 0;
    }

    public Optional<ReceptionBooking> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The day's bookings by slot, cancelled ones after the live holder of their slot. */
    public List<ReceptionBooking> ofDay(UUID dayId) {
        return list("dayId = ?1 ORDER BY slot, createdAt, id", dayId);
    }

    /** A citizen's bookings, newest first, after the cursor. */
    @SuppressWarnings("unchecked")
    public List<ReceptionBooking> ofOwner(String sub, OffsetDateTime cursorAt, UUID cursorId, int limit) {
        Query q = getEntityManager().createNativeQuery("""
                SELECT * FROM reception_booking b WHERE b.owner_sub = :sub %s
                ORDER BY b.created_at DESC, b.id DESC LIMIT :limit""".formatted(
                cursorAt == null ? "" : "AND (b.created_at, b.id) < (:cAt, :cId)"), ReceptionBooking.class)
                .setParameter("sub", sub).setParameter("limit", limit);
        if (cursorAt != null) {
            q.setParameter("cAt", cursorAt).setParameter("cId", cursorId);
        }
        return q.getResultList();
    }

    @Override
    public String name() {
        return "reception_booking";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    /** Re-encrypts the contact and redoes a pseudonymous citizen_ref made under an old key (an account's stays). */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<UUID> reencrypt(UUID after, int limit) {
        List<Ciphertext> rows = SqlRow.list(getEntityManager().createNativeQuery("""
                SELECT id, citizen_enc, citizen_ref_key_id FROM reception_booking
                WHERE id > ?1 AND citizen_enc IS NOT NULL
                  AND (%s OR citizen_ref_key_id IS DISTINCT FROM ?3 AND citizen_ref_key_id IS NOT NULL)
                ORDER BY id LIMIT ?4 FOR UPDATE SKIP LOCKED""".formatted(EncryptedTable.onOldKey("citizen_enc", 2)))
                .setParameter(1, after).setParameter(2, cipher.currentHeader())
                .setParameter(3, cipher.currentPseudonymKeyId()).setParameter(4, limit),
                r -> new Ciphertext(r.uuid("id"), r.bytes("citizen_enc"), r.string("citizen_ref_key_id")));
        return EncryptedTable.rewriteEach(rows, limit, Ciphertext::id, r -> {
            PersonalData pd = cipher.decryptPersonalData(r.citizenEnc());
            Query update = getEntityManager().createNativeQuery(r.citizenRefKeyId() == null
                    ? "UPDATE reception_booking SET citizen_enc = ?2 WHERE id = ?1"
                    : "UPDATE reception_booking SET citizen_enc = ?2, citizen_ref = ?3, citizen_ref_key_id = ?4 WHERE id = ?1")
                    .setParameter(1, r.id()).setParameter(2, cipher.encrypt(pd));
            if (r.citizenRefKeyId() != null) {
                PersonalDataCipher.Pseudonym ref = cipher.pseudonym(pd.petitioner().idNumber(),
                        pd.petitioner().phone());
                update.setParameter(3, ref.ref()).setParameter(4, ref.keyId());
            }
            update.executeUpdate();
        });
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM reception_booking WHERE citizen_enc IS NOT NULL
                  AND (%s OR citizen_ref_key_id IS DISTINCT FROM ?2 AND citizen_ref_key_id IS NOT NULL)"""
                .formatted(EncryptedTable.onOldKey("citizen_enc", 1)))
                .setParameter(1, cipher.currentHeader()).setParameter(2, cipher.currentPseudonymKeyId())
                .getSingleResult()).longValue();
    }
}
