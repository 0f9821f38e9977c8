// Gigi's structured log (pino), redacted by the same rules as the repro pack:
// every field named in loggerRedactPaths() is passed through a Redactor before
// the line is written, so a name, phone, token or URL query logged by mistake
// comes out as a pseudonym or a placeholder.
import pino, { type DestinationStream, type Logger } from 'pino';
import { loggerRedactPaths, Redactor } from './repro/redaction.ts';

export type { Logger };

export function createLogger(options: { destination?: DestinationStream; redactor?: Redactor; level?: string } = {}): Logger {
  const redactor = options.redactor ?? new Redactor();
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
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
