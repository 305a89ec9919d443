-- Issue 16 (notices.md "Statutory notices are documents"): the statutory notices of a case as documents.
-- The notice's template arguments (no personal data), the issuing office and the issue time render the same PDF
-- every time; the verification code is printed on it and answered publicly (type, case number, date, hash).
CREATE TABLE written_notice (
    notice_id   uuid PRIMARY KEY REFERENCES notice (id),
    case_id     uuid NOT NULL REFERENCES petition_case (id),
    notice_type text NOT NULL,
    verify_code text NOT NULL UNIQUE,
    issuer      text NOT NULL,
    args        jsonb NOT NULL,
    issued_at   timestamptz NOT NULL
);
CREATE INDEX written_notice_case_idx ON written_notice (case_id, issued_at);
