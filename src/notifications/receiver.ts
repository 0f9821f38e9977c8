// Where WellSky posts change notifications: `POST /webhooks/wellsky/notifications`
// with `{resourceType, id}` and the header Gigi registered
// (`Authorization: Bearer <secret>`). A wrong or missing secret is a 401 and
// nothing is read; a refresh that fails (WellSky down) is a 503, so WellSky
// tries again; a notification Gigi has no use for is a 200 that says so.
import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Clock } from '../clock.ts';
import type { Database } from '../cache/database.ts';
import type { WellSkyClient } from '../wellsky/client.ts';
import { WellSkyError } from '../wellsky/failures.ts';
import { refreshRecord } from './refresh.ts';

export const NOTIFICATIONS_MOUNT = '/webhooks/wellsky';
export const NOTIFICATIONS_PATH = `${NOTIFICATIONS_MOUNT}/notifications`;

export interface ReceiverOptions {
  client: WellSkyClient;
  db: Database;
  clock: Clock;
  /** The secret registered with the subscriptions. */
  secret: string;
  /** One line per notification; never given the secret. */
  log?: (line: string) => void;
}

function sameSecret(header: string | undefined, secret: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ID = /^\d{1,20}$/;

export function createNotificationReceiver(options: ReceiverOptions): Router {
  const router = express.Router();
  // WellSky sends application/fhir+json; anything JSON-shaped is read.
  router.post('/notifications', express.json({ limit: '16kb', type: () => true }), async (req, res) => {
    if (!sameSecret(req.get('authorization'), options.secret)) {
      res.status(401).json({ error: 'Authorization: not the secret this server registered; nothing was read' });
      return;
    }
    const body = req.body as { resourceType?: unknown; id?: unknown } | undefined;
    if (!body || typeof body.resourceType !== 'string' || !/^[A-Za-z]+$/.test(body.resourceType)) {
      res.status(400).json({ error: 'resourceType: required, a FHIR resource name such as "Practitioner"' });
      return;
    }
    const id = typeof body.id === 'number' ? String(body.id) : body.id;
    if (typeof id !== 'string' || !ID.test(id)) {
      res.status(400).json({ error: 'id: required, a WellSky numeric id' });
      return;
    }
    try {
      const outcome = await refreshRecord(options.client, options.db, options.clock, { resourceType: body.resourceType, id });
      options.log?.(`notification ${body.resourceType}/${id}: ${outcome}`);
      res.json({ resourceType: body.resourceType, id, outcome });
    } catch (error) {
      const kind = error instanceof WellSkyError ? error.kind : 'internal';
      options.log?.(`notification ${body.resourceType}/${id}: refresh failed (${kind})`);
      res.status(503).json({ error: `the record could not be refreshed (${kind}); try again` });
    }
  });
  return router;
}
