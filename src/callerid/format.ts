// A caller-ID answer for a person at a terminal (`gigi-harness callerid`, the
// server's log of a lookup): who, in what role, from where, how fresh, how long.
import type { CallerAnswer, Person } from './answer.ts';

function describePerson(person: Person): string {
  const role =
    person.kind === 'family'
      ? `family contact${person.relationship ? ` (${person.relationship})` : ''}${person.clientOf ? ` of ${person.clientOf.name} [${person.clientOf.id}]` : ''}`
      : `${person.kind}${person.inactive ? ' (not current)' : ''}`;
  return `${person.name || '(no name)'} — ${role} [${person.id}]`;
}

function describeNumber(number: CallerAnswer['number']): string {
  const ext = number.extension ? ` ext. ${number.extension}` : '';
  if (!number.e164) return `${number.reported} (not a number caller ID could read)`;
  return number.reported === number.e164 && !ext ? number.e164 : `${number.e164}${ext} (reported as "${number.reported}")`;
}

function describeSource(answer: CallerAnswer): string {
  const source = {
    'known-contact': 'configuration (GIGI_KNOWN_CONTACTS)',
    cache: 'the local cache',
    api: 'WellSky, live',
    none: 'nowhere (no answer found)',
  }[answer.source];
  return typeof answer.cacheAgeSeconds === 'number' ? `${source}, ${formatAge(answer.cacheAgeSeconds)} old` : source;
}

export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** A few aligned lines: number, who, role, source (and cache age), shift, note, time taken. */
export function formatCallerAnswer(answer: CallerAnswer): string {
  const lines: [string, string][] = [['number', describeNumber(answer.number)]];
  const { match } = answer;
  switch (match.kind) {
    case 'caregiver':
    case 'client':
    case 'family':
      lines.push(['who', describePerson(match.person)]);
      break;
    case 'known-contact':
      lines.push(['who', `${match.name} — known contact: ${match.role}`]);
      break;
    case 'ambiguous':
      lines.push(['who', `ambiguous: ${match.people.length} people share this number, none is picked`]);
      for (const person of match.people) lines.push(['', `· ${describePerson(person)}`]);
      break;
    case 'unknown':
      lines.push(['who', `unknown (${match.reason})`]);
      break;
  }
  lines.push(['source', describeSource(answer)]);
  if (answer.shiftSummary) lines.push(['shift', answer.shiftSummary]);
  if (answer.note) lines.push(['note', answer.note]);
  lines.push(['took', `${answer.tookMs} ms`]);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, text]) => `${(label ? `${label}:` : '').padEnd(width + 2)}${text}`).join('\n');
}
