-- Categories are maintained through the API. One that incidents (or routing rules) refer to is never
-- deleted, only deactivated: it stays readable for its incidents but takes no new reports.
ALTER TABLE category
    ADD COLUMN active  boolean NOT NULL DEFAULT true,
    ADD COLUMN version bigint  NOT NULL DEFAULT 1;
