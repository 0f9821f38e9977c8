// `created=gt2026-01-01`, `updated=le2026-01-29T14:00:00`: compare at the
// precision the filter was given in (a date compares dates, a date-time compares to the second).
const OPERATORS = { gt: (c: number) => c > 0, lt: (c: number) => c < 0, ge: (c: number) => c >= 0, le: (c: number) => c <= 0, eq: (c: number) => c === 0 };

export function dateFilter(expression: string): (value: string | undefined) => boolean {
  const match = expression.match(/^(gt|lt|ge|le|eq)?(.+)$/)!;
  const test = OPERATORS[(match[1] ?? 'eq') as keyof typeof OPERATORS];
  const target = match[2]!;
  return (value) => {
    if (!value) return false;
    const comparable = value.slice(0, target.length);
    return test(comparable < target ? -1 : comparable > target ? 1 : 0);
  };
}
