// Charge items (not in the vendor's reference; sent live in February 2026): the
// billable visits, worked out from finished care logs. The live client sent
// every body value as a JSON integer, dates included (`20260201`).
import { HttpError, jsonResponse } from '../responses.ts';
import { bundle, pageOf, pageRequest, sortRecords } from '../search/bundle.ts';
import { compactToIso } from '../search/calendar.ts';
import type { ResourceRecord } from '../store.ts';
import type { Handler, HandlerContext } from './context.ts';
import { visitDay } from './encounters.ts';
import { searchFields } from './search-fields.ts';

const idOf = (link: unknown) => (link as { id?: string } | null | undefined)?.id;

function chargeItem(encounter: ResourceRecord): object {
  const period = encounter.period as { start: string; end: string };
  const hours = Math.round(((Date.parse(period.end) - Date.parse(period.start)) / 3_600_000) * 100) / 100;
  return {
    resourceType: 'ChargeItem',
    id: encounter.id,
    status: 'billable',
    subject: { reference: `Patient/${idOf(encounter.client)}` },
    performer: [{ actor: { reference: `Practitioner/${idOf(encounter.caregiver)}` } }],
    occurrencePeriod: { start: period.start, end: period.end },
    quantity: { value: hours },
    context: { reference: `Encounter/${encounter.id}` },
  };
}

const SORT_KEYS = {
  startDate: (r: Record<string, unknown>) => Date.parse((r.occurrencePeriod as { start: string }).start),
  endDate: (r: Record<string, unknown>) => Date.parse((r.occurrencePeriod as { end: string }).end),
  id: (r: Record<string, unknown>) => Number(r.id),
};

const day = (value: unknown) => (value === undefined ? undefined : compactToIso(String(value)));

export const chargeItemHandlers: Record<string, Handler> = {
  searchChargeItems: (ctx: HandlerContext) => {
    const f = searchFields(ctx);
    if (f.clientId === undefined && f.caregiverId === undefined) {
      throw new HttpError(400, 'clientId or caregiverId is required: charge items are searched per client or per caregiver');
    }
    const from = day(f.startDate);
    const to = day(f.endDate);
    if (from && to && to < from) throw new HttpError(400, 'endDate: must not be before startDate');
    const items = ctx.store.encounters
      .all()
      .filter((e) => {
        const period = e.period as { start?: string; end?: string } | undefined;
        if (!period?.start || !period.end) return false;
        if (f.clientId !== undefined && idOf(e.client) !== String(f.clientId)) return false;
        if (f.caregiverId !== undefined && idOf(e.caregiver) !== String(f.caregiverId)) return false;
        const start = visitDay(e, ctx.timeZone);
        return (!from || start >= from) && (!to || start <= to);
      })
      .map(chargeItem) as Record<string, unknown>[];
    const sorted = sortRecords(items, f._sort, SORT_KEYS);
    const page = pageOf(sorted, pageRequest(f, 1, 30));
    return jsonResponse(200, bundle(page, sorted.length, ctx));
  },
};
