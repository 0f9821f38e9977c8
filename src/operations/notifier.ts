// How Gigi reaches people: SMS to caregivers, a page to the on-call manager,
// email to a coordinator. A port: production passes `loggingNotifier` (it says
// what it would send, without the text, until a sender is configured); tests
// and the suite pass `recordingNotifier`, whose record is what checks assert on.
import type { Logger } from '../log.ts';

export type Channel = 'sms' | 'page' | 'email';

/** Why a message was sent: what a check looks for. */
export type Purpose = 'shift-offer' | 'shift-filled' | 'manager-alert' | 'complaint' | 'clock-in-reminder' | 'late-alert' | 'prospect-lead';

export interface Recipient {
  name: string;
  /** A phone number in E.164 (sms, page) or an email address. */
  address: string;
  /** WellSky's id when the recipient is a caregiver. */
  caregiverId?: string;
}

export interface OutboundMessage {
  channel: Channel;
  purpose: Purpose;
  to: Recipient;
  text: string;
  /** What the message is about, e.g. `appointment:7003@2026-11-26T16:00:00Z`, so follow-ups can find it. */
  about?: string;
}

export interface Notifier {
  send(message: OutboundMessage): Promise<{ id: string }>;
}

export interface RecordingNotifier extends Notifier {
  readonly sent: readonly OutboundMessage[];
  clear(): void;
}

export function recordingNotifier(): RecordingNotifier {
  const sent: OutboundMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return { id: `recorded-${sent.length}` };
    },
    clear() {
      sent.length = 0;
    },
  };
}

/**
 * Logs that a message would go out: channel, purpose and who, as fields of a
 * structured line whose personal fields the logger redacts (src/log.ts), never
 * the text (health data).
 */
export function loggingNotifier(log: Pick<Logger, 'info'>): Notifier {
  let count = 0;
  return {
    async send(message) {
      count++;
      log.info({ channel: message.channel, purpose: message.purpose, to: { name: message.to.name, address: message.to.address, ...(message.to.caregiverId ? { caregiverId: message.to.caregiverId } : {}) }, ...(message.about ? { about: message.about } : {}) }, 'notifier: would send; no sender is configured');
      return { id: `logged-${count}` };
    },
  };
}
