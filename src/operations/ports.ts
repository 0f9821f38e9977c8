// What every workflow reaches the outside through: WellSky, the cache, the
// notifier, the clock, the agency's zone and its configured contacts.
import type { Queryable } from '../cache/database.ts';
import type { Clock } from '../clock.ts';
import type { KnownContact } from '../config.ts';
import type { WellSkyClient } from '../wellsky/client.ts';
import type { Notifier } from './notifier.ts';

export interface WorkflowPorts {
  client: WellSkyClient;
  db: Queryable;
  notifier: Notifier;
  clock: Clock;
  timeZone: string;
  knownContacts: KnownContact[];
}
