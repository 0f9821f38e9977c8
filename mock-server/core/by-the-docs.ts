// Requests the live API accepted but the vendor's reference does not allow. With
// the quirk on (live-like) the request goes through and the journal names the
// quirk; with it off (by-the-docs) it is refused, and the refusal names the
// field, what the reference says, and the quirk that would let it through.
import { HttpError } from './responses.ts';
import type { QuirkName, QuirkSettings } from './quirks.ts';

/** What a check needs to know about the quirks: which are on, and a way to say one shaped the answer. */
export interface QuirkContext {
  quirks: QuirkSettings;
  applied(quirk: QuirkName): void;
}

export function refusedByTheDocs(quirk: QuirkName, status: number, field: string, problem: string): HttpError {
  return new HttpError(status, `${field}: ${problem} (by the vendor's reference; live accepted it: the quirk ${quirk} allows it)`, `by-the-docs:${quirk}`);
}

/** Lets a live-only form through when its quirk is on; refuses it, naming the quirk, when it is off. */
export function allowLiveForm(ctx: QuirkContext, quirk: QuirkName, status: number, field: string, problem: string): void {
  if (!ctx.quirks[quirk]) throw refusedByTheDocs(quirk, status, field, problem);
  ctx.applied(quirk);
}
