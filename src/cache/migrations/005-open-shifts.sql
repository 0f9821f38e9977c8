-- Shifts a call-out left open, and who was offered each: so one text can list
-- every open shift a caregiver was offered, the first to accept takes it, and
-- those who answer after it is filled are told so.
CREATE TABLE open_shifts (
  key text PRIMARY KEY,
  appointment_id text NOT NULL,
  client_id text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  called_out_by text NOT NULL,
  description text NOT NULL,
  filled_by text,
  filled_at timestamptz,
  opened_at timestamptz NOT NULL
);

CREATE TABLE shift_offers (
  shift_key text NOT NULL,
  caregiver_id text NOT NULL,
  offered_at timestamptz NOT NULL,
  answered_at timestamptz,
  PRIMARY KEY (shift_key, caregiver_id)
);
