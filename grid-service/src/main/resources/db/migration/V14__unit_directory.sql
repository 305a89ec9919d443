-- The handling units' directory (grid.md "Units"). Until now a unit was only a string on an area
-- (responsible_unit) or a routing rule; the service fills the directory from those at start-up and whenever an
-- area names a unit it does not know yet. email and webhook_url are a unit's own mailbox or robot, not a person's.
CREATE TABLE unit (
    id          varchar(100) PRIMARY KEY,
    name        varchar(200) NOT NULL,
    name_en     varchar(200),
    area_code   varchar(64)  NOT NULL REFERENCES area (code),
    kind        varchar(32)  NOT NULL,
    active      boolean      NOT NULL DEFAULT true,
    email       varchar(254),
    webhook_url varchar(2000),
    version     bigint       NOT NULL DEFAULT 1,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX unit_area ON unit (area_code, id);
