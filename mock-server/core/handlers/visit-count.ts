// Appointment and encounter searches: live, the count came back as `total` (the
// live client paged by it and never read `totalRecords`); the reference says
// `totalRecords`.
import type { HandlerContext } from './context.ts';

export function visitCountField(ctx: HandlerContext): 'total' | 'totalRecords' {
  if (!ctx.quirks['total-on-visit-bundles']) return 'totalRecords';
  ctx.applied('total-on-visit-bundles');
  return 'total';
}
