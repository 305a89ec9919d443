-- Issue 17 (mediation.md "Leaders' reception days"): a leader's visit (下访) or appointment (约访) with the petitioner
-- of a backlog case, recorded on the case by a supervisor; the backlog ledger shows each case's latest.
CREATE TABLE case_leader_contact (
    id           bigserial PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES petition_case (id),
    kind         text NOT NULL CHECK (kind IN ('VISIT', 'APPOINTMENT')),
    leader       text NOT NULL,
    contact_date date NOT NULL,
    place        text NOT NULL,
    summary      text NOT NULL,
    actor_sub    text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_leader_contact_case_idx ON case_leader_contact (case_id, contact_date DESC, id DESC);
