-- Whether the person a number belongs to is current: an active, hired caregiver
-- or an active client. Applicants and former staff keep their numbers in
-- WellSky; caller ID prefers current people and says when it did.
ALTER TABLE phone_index ADD COLUMN current boolean NOT NULL DEFAULT true;
