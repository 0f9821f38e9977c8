// Turns the raw body text into a value by its content type. One place, so the
// express and MSW doors answer malformed input the same way.
import { HttpError } from './responses.ts';

export function parseBody(raw: string | undefined, contentType: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message}); send a JSON object with Content-Type: application/json`);
  }
}
