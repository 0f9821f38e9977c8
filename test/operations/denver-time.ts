// Instants from wall-clock times in America/Denver, for hand-built cases:
// `denver('2026-03-10 09:00')`. Worked out here, apart from the code under
// test: Denver is UTC−7 (MST) or UTC−6 (MDT), and the reading that Intl shows
// back as the same wall time is the one. A time the clock skips throws; a
// time it shows twice must say which (`'2026-11-01 01:30 MDT'`).
export const TZ = 'America/Denver';
export const HOUR = 3_600_000;

const readBack = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function wallOf(ms: number): string {
  const p = Object.fromEntries(readBack.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function denver(text: string): number {
  const m = text.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?: (MST|MDT))?$/);
  if (!m) throw new Error(`not "YYYY-MM-DD HH:MM [MST|MDT]": ${text}`);
  const wall = text.slice(0, 16);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const readings = (
    [
      ['MST', 7],
      ['MDT', 6],
    ] as const
  )
    .map(([name, behind]) => ({ name, ms: asUtc + behind * HOUR }))
    .filter((r) => wallOf(r.ms) === wall && (!m[6] || m[6] === r.name));
  if (readings.length === 0) throw new Error(`${text} is not a time Denver's clocks show`);
  if (readings.length > 1) throw new Error(`${text} is shown twice in Denver: say MDT or MST`);
  return readings[0]!.ms;
}
