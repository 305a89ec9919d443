-- Personal data at rest (issue 12). Stored replies of creates held reporters' names, phones and e-mail addresses
-- in plain text; now the reply and its request hash (derived from the same data) are encrypted by the service, as
-- are incident media (a photo can show a face or an identity card). Every ciphertext starts with a header naming
-- the key that wrote it (privacy/PersonalDataCipher), so keys can be rotated and the re-encryption job can find
-- rows on old keys. The request hash is base64 ciphertext now, longer than the 64 hex characters it was.
ALTER TABLE idempotency_key ALTER COLUMN request_hash TYPE text;

-- Existing rows are not migrated: there is no production data yet and local databases are recreated. What the
-- previous version wrote is unreadable for this one (plain media, ciphertexts without a key id) and is removed:
-- stored replies are only a retry cache, media and the reporters' data of old reports are development data.
DELETE FROM idempotency_key;
DELETE FROM incident_media;
UPDATE incident SET reporter_enc = NULL WHERE reporter_enc IS NOT NULL;
