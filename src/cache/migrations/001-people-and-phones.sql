-- The people Gigi must recognise, the phone index caller ID reads, and the sync log.
-- Times are stamped by Gigi's clock (a parameter), never by the server's now().

CREATE TABLE caregivers (
  id text PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  active boolean NOT NULL,
  is_hired boolean NOT NULL,
  status text,
  phones jsonb NOT NULL,
  email text,
  city text,
  updated_at text,
  synced_at timestamptz NOT NULL
);

CREATE TABLE clients (
  id text PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  active boolean NOT NULL,
  is_client boolean NOT NULL,
  status text,
  phones jsonb NOT NULL,
  email text,
  city text,
  updated_at text,
  synced_at timestamptz NOT NULL
);

CREATE TABLE related_persons (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  relationship text,
  emergency_contact boolean NOT NULL,
  phones jsonb NOT NULL,
  email text,
  synced_at timestamptz NOT NULL
);

-- One row per (number, person, field): a number two people share has two rows.
-- The primary key leads with e164, so a lookup is one index probe.
CREATE TABLE phone_index (
  e164 text NOT NULL,
  person_kind text NOT NULL,
  person_id text NOT NULL,
  phone_use text NOT NULL,
  display_name text NOT NULL,
  first_name text NOT NULL,
  client_id text,
  client_name text,
  relationship text,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (e164, person_kind, person_id, phone_use)
);

CREATE TABLE sync_log (
  id serial PRIMARY KEY,
  mode text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  outcome text NOT NULL,
  failure_kind text,
  detail text,
  since text,
  counts jsonb
);
