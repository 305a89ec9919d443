-- Handling units mirrored from grid-service's directory (civicsafety.units.v1): ASSIGN names a unit in it, and its
-- notice channels (a unit mailbox or robot URL, not a person's data) are how the unit is told.
CREATE TABLE unit (
    id          text PRIMARY KEY,
    name        text        NOT NULL,
    name_en     text,
    area_code   text        NOT NULL,
    kind        text        NOT NULL,
    active      boolean     NOT NULL,
    email       text,
    webhook_url text,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
