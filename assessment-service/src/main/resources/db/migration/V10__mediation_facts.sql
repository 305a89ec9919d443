-- What the service knows of each mediation (cases-service's mediation events, I11 and I12): its latest state by
-- version, and the conclusion it counts now (day, path, agreed, at the grassroots) so that a reopened mediation
-- takes back exactly what was counted. No personal data.
CREATE TABLE mediation (
    id              text PRIMARY KEY,
    version         bigint NOT NULL,
    area_code       text NOT NULL,
    path            text[] NOT NULL,
    concluded_day   date,
    concluded_path  text[],
    agreed          boolean NOT NULL DEFAULT false,
    grassroots      boolean NOT NULL DEFAULT false
);
