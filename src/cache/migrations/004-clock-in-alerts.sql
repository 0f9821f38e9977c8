-- What the clock-in watch has already sent, so a run every few minutes never
-- sends the same reminder or late alert twice (an occurrence is id + start).
CREATE TABLE clock_in_alerts (
  key text PRIMARY KEY,
  kind text NOT NULL,
  appointment_id text NOT NULL,
  caregiver_id text NOT NULL,
  sent_at timestamptz NOT NULL
);
