-- Issue 17 (mediation.md): the mediator directory (调解员) and the incidents cases-service learns from grid-service.

-- Mediators are staff: their names are not personal data of the people served. area_path: the codes from the county
-- down to area_code, for supervisors' and readers' scope; user_id: the sub of the mediator's account (role mediator),
-- which makes its holder one of the mediators of the mediations that name this entry.
CREATE TABLE mediator (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    committee   text        NOT NULL,
    area_code   text        NOT NULL,
    area_path   text[]      NOT NULL,
    specialties text[]      NOT NULL,
    active      boolean     NOT NULL,
    unit_id     text,
    user_id     text,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX mediator_area_path_idx ON mediator USING gin (area_path);
CREATE INDEX mediator_list_idx ON mediator (created_at DESC, id DESC);
CREATE INDEX mediator_user_idx ON mediator (user_id) WHERE user_id IS NOT NULL;

-- Incidents as civicsafety.grid.v1 describes them (no personal data: the reporter stays in grid-service), so that a
-- mediation can name the dispute incident it comes from.
CREATE TABLE incident (
    id             uuid PRIMARY KEY,
    number         text        NOT NULL,
    category_code  text        NOT NULL,
    category_group text,
    area_code      text        NOT NULL,
    area_path      text[]      NOT NULL,
    state          text        NOT NULL,
    version        bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
