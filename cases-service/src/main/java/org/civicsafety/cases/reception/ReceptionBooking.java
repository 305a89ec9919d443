package org.civicsafety.cases.reception;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A citizen's booking of a slot on a reception day. Created by {@link BookingRepository#insert} (the database
 * enforces one per citizen and day, and one per slot); cancelled and received through the entity. The citizen's
 * contact only as ciphertext.
 */
@Entity
@Table(name = "reception_booking")
public class ReceptionBooking {

    public enum State {
        BOOKED, CANCELLED, RECEIVED
    }

    /** How the citizen wants to hear about the booking: called back, by SMS, by e-mail, or only in the app's inbox. */
    public enum ContactPreference {
        PHONE, SMS, EMAIL, NONE
    }

    @Id public UUID id;
    public UUID dayId;
    public String number;
    public int slot;
    public String citizenRef;
    public String citizenRefKeyId;
    public byte[] citizenEnc;
    public String ownerSub;
    public String summary;
    public UUID caseId;
    @Enumerated(EnumType.STRING) public ContactPreference contactPreference;
    @Enumerated(EnumType.STRING) public State state;
    public String bookedBy;
    public String bookedRole;
    public OffsetDateTime createdAt;
    public OffsetDateTime cancelledAt;
    public long version;
}
