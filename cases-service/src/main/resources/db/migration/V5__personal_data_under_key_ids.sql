-- Issue 12: personal data encrypted wherever it rests, under keys named by an id.
--
-- Existing rows are NOT migrated: there is no production data yet and local databases are recreated
-- (deploy/platform clean). Values written before this version lack the ciphertext header with the key id,
-- so they cannot be read; the re-encryption job counts them as unreadable.

-- The stored reply of a create (a registration's 201 names the petitioner) only as ciphertext. The
-- records live at most a few days, so the old ones are simply dropped.
DELETE FROM idempotency_record;
ALTER TABLE idempotency_record DROP COLUMN body;
ALTER TABLE idempotency_record ADD COLUMN body_enc bytea;

-- Attachments: the content column keeps its type (now ciphertext); the file name can name a person.
ALTER TABLE case_attachment DROP COLUMN filename;
ALTER TABLE case_attachment ADD COLUMN filename_enc bytea NOT NULL DEFAULT ''::bytea;
ALTER TABLE case_attachment ALTER COLUMN filename_enc DROP DEFAULT;

-- The rating comment is the petitioner's own words.
ALTER TABLE case_rating DROP COLUMN comment;
ALTER TABLE case_rating ADD COLUMN comment_enc bytea;

-- Which pseudonym key made petitioner_ref, so the job can redo refs made with an old key (NULL: before key ids).
ALTER TABLE petition_case ADD COLUMN petitioner_ref_key_id text;
