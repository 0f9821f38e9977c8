// Gigi's structured log (pino), redacted by the same rules as the repro pack:
// the fields named in loggerRedactPaths() (pino's redact paths), and at any
// depth every field whose name says it is personal or secret (firstName,
// mobilePhone, birthDate…) or whose value is shaped like a phone or an email,
// pass through a Redactor before the line is written. Other fields stay, so a
// line keeps its statuses, ids and counts. The message string is the caller's:
// put data in fields, never in it.
import pino, { type DestinationStream, type Logger } from 'pino';
import { fieldKind, loggerRedactPaths, Redactor } from './repro/redaction.ts';

export type { Logger };

export function createLogger(options: { destination?: DestinationStream; redactor?: Redactor; level?: string } = {}): Logger {
  const redactor = options.redactor ?? new Redactor();
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      formatters: { log: (object) => deepRedact(redactor, object) as Record<string, unknown> },
      redact: {
        paths: loggerRedactPaths(),
        censor: (value: unknown, path: string[]) => censor(redactor, value, path[path.length - 1] ?? ''),
      },
    },
    options.destination ?? pino.destination(2),
  );
}

function censor(redactor: Redactor, value: unknown, field: string): unknown {
  if (typeof value === 'string') return field === 'url' ? redactor.url(value) : field === 'body' ? redactor.body(value) : redactor.field(field, value);
  if (value && typeof value === 'object') return redactor.json(value, field);
  return value;
}

/** Every personal or secret field at any depth; other fields kept unless their value is shaped like a phone or email. */
function deepRedact(redactor: Redactor, value: unknown, field = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => deepRedact(redactor, v, field));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const kind = fieldKind(k);
      out[k] = kind === 'keep' || kind === 'other' ? deepRedact(redactor, v, k) : censor(redactor, v, k);
    }
    return out;
  }
  if (typeof value === 'string') return fieldKind(field) === 'keep' ? censor(redactor, value, field) : redactor.shaped(value);
  return value;
}
