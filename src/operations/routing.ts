// Who hears what: a client's coordinator, else the default one, else the
// on-call manager (paged), so a complaint or a lead always reaches a person.
import type { Coordinators, KnownContact } from '../config.ts';
import type { OutboundMessage } from './notifier.ts';

export interface Route {
  channel: OutboundMessage['channel'];
  to: { name: string; address: string };
  /** Why this person: "Ana Ruiz, the client's coordinator". */
  why: string;
}

/** The on-call manager: the known contact whose role says on-call, else the owner. */
export function onCallManager(contacts: readonly KnownContact[]): KnownContact | undefined {
  return contacts.find((c) => /on[\s-]?call/i.test(c.role)) ?? contacts.find((c) => /owner/i.test(c.role));
}

export function routeFor(coordinators: Coordinators, knownContacts: readonly KnownContact[], clientId?: string): Route | undefined {
  const own = clientId ? coordinators.byClient[clientId] : undefined;
  if (own) return { channel: 'email', to: { name: own.name, address: own.email }, why: `${own.name}, the client's coordinator` };
  if (coordinators.default) return { channel: 'email', to: { name: coordinators.default.name, address: coordinators.default.email }, why: `${coordinators.default.name}, the default coordinator` };
  const manager = onCallManager(knownContacts);
  if (manager) return { channel: 'page', to: { name: manager.name, address: manager.e164 }, why: `${manager.name}, the on-call manager (no coordinator is configured)` };
  return undefined;
}
