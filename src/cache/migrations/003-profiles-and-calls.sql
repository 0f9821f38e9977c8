-- What the call-out ranking and the data-quality report read from the cache
-- without asking WellSky: gender, area (WellSky's locationId), languages,
-- profile tags, and whether an address is on file.
ALTER TABLE caregivers ADD COLUMN gender text;
ALTER TABLE caregivers ADD COLUMN location_id text;
ALTER TABLE caregivers ADD COLUMN languages jsonb NOT NULL DEFAULT '[]';
ALTER TABLE caregivers ADD COLUMN tags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE caregivers ADD COLUMN has_address boolean NOT NULL DEFAULT false;
ALTER TABLE clients ADD COLUMN gender text;
ALTER TABLE clients ADD COLUMN location_id text;
ALTER TABLE clients ADD COLUMN languages jsonb NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN tags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN has_address boolean NOT NULL DEFAULT false;

-- Retell retries a custom function that failed or ran late (up to twice): each
-- call's answer is kept under its key (call id, function, arguments), so a
-- repeated call gets the first answer instead of repeating its effects.
CREATE TABLE function_calls (
  key text PRIMARY KEY,
  name text NOT NULL,
  call_id text NOT NULL,
  answer jsonb NOT NULL,
  answered_at timestamptz NOT NULL
);
