-- Issue 17 (mediation.md "Leaders' reception days"): the days a leader receives petitioners in public (接访日), the
-- citizens' bookings of a slot on such a day, and the record of everyone received (booked or walk-in) with its
-- outcome. Personal data of citizens (a booking's contact, a walk-in's name and phone) only as the service's
-- ciphertext; leaders are public officials and are stored as entered.

CREATE TABLE reception_day (
    id           uuid PRIMARY KEY,
    leader_name  text NOT NULL,
    leader_title text NOT NULL,
    area_code    text NOT NULL,
    area_path    text[] NOT NULL,
    day          date NOT NULL,
    start_time   time NOT NULL,
    end_time     time NOT NULL CHECK (end_time > start_time),
    place        text NOT NULL,
    topics       text[] NOT NULL,
    slots        int NOT NULL CHECK (slots >= 1),
    -- the bookings holding a slot (BOOKED or RECEIVED), kept under the day's row lock: lists show slotsLeft unjoined
    booked       int NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= slots),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    version      bigint NOT NULL
);
CREATE INDEX reception_day_area_path_idx ON reception_day USING gin (area_path);
CREATE INDEX reception_day_day_idx ON reception_day (day, start_time, id);

CREATE SEQUENCE reception_booking_number_seq;

-- citizen_ref: who holds the booking, for the one-booking-per-day rule — "sub:<user id>" for a citizen with an
-- account, else the keyed HMAC of the ID number or phone (citizen_ref_key_id names its pseudonym key).
CREATE TABLE reception_booking (
    id                 uuid PRIMARY KEY,
    day_id             uuid NOT NULL REFERENCES reception_day (id),
    number             text NOT NULL UNIQUE,
    slot               int NOT NULL CHECK (slot >= 1),
    citizen_ref        text NOT NULL,
    citizen_ref_key_id text,
    citizen_enc        bytea,
    owner_sub          text,
    summary            text NOT NULL,
    case_id            uuid REFERENCES petition_case (id),
    contact_preference text NOT NULL,
    state              text NOT NULL CHECK (state IN ('BOOKED', 'CANCELLED', 'RECEIVED')),
    booked_by          text NOT NULL,
    booked_role        text NOT NULL,
    created_at         timestamptz NOT NULL,
    cancelled_at       timestamptz,
    version            bigint NOT NULL
);
-- A citizen holds at most one booking per day, and a slot one booking: the database decides, also under concurrency.
CREATE UNIQUE INDEX reception_booking_one_per_citizen_idx ON reception_booking (day_id, citizen_ref)
    WHERE state <> 'CANCELLED';
CREATE UNIQUE INDEX reception_booking_slot_idx ON reception_booking (day_id, slot) WHERE state <> 'CANCELLED';
CREATE INDEX reception_booking_day_idx ON reception_booking (day_id, slot, id);
CREATE INDEX reception_booking_owner_idx ON reception_booking (owner_sub, created_at DESC, id DESC);

-- Everyone received on the day: a booking (once) or a walk-in (walk_in_enc), with the outcome and what it led to.
CREATE TABLE reception_record (
    id          uuid PRIMARY KEY,
    day_id      uuid NOT NULL REFERENCES reception_day (id),
    booking_id  uuid UNIQUE REFERENCES reception_booking (id),
    walk_in_enc bytea,
    outcome     text NOT NULL CHECK (outcome IN ('NEW_CASE', 'INSTRUCTED', 'RESOLVED_ON_SPOT', 'REFERRED')),
    case_id     uuid REFERENCES petition_case (id),
    instruction text,
    referral    text,
    note        text,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL,
    CHECK ((booking_id IS NULL) <> (walk_in_enc IS NULL))
);
CREATE INDEX reception_record_day_idx ON reception_record (day_id, recorded_at, id);
