// Paging that never trusts one page, stops on a short page, and does not loop
// on a server that ignores _page.
import { describe, expect, it } from 'vitest';
import { PagingError, readAllPages } from '../../src/wellsky/paging.ts';

const bundle = (ids: string[], total?: number) => ({ resourceType: 'Bundle', ...(total !== undefined ? { totalRecords: total } : {}), entry: ids.map((id) => ({ id })) });
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

describe('readAllPages', () => {
  it('keeps going past a first page that claims to be everything, and stops on a short page', async () => {
    const pages = [bundle(ids(1, 3), 3), bundle(ids(4, 3)), bundle(ids(7, 1))];
    const asked: number[] = [];
    const all = await readAllPages((page) => (asked.push(page), Promise.resolve(pages[page])), { firstPage: 0, pageSize: 3 });
    expect(all.map((e) => e.id)).toEqual(ids(1, 7));
    expect(asked).toEqual([0, 1, 2]);
  });

  it('stops on an empty page, with or without a count field', async () => {
    const pages = [bundle(ids(1, 2)), { resourceType: 'Bundle', entry: [] }];
    expect(await readAllPages((p) => Promise.resolve(pages[p - 1]), { firstPage: 1, pageSize: 2 })).toHaveLength(2);
  });

  it('refuses to loop on a server that answers the same page whatever _page says', async () => {
    await expect(readAllPages(() => Promise.resolve(bundle(ids(1, 2))), { firstPage: 1, pageSize: 2 })).rejects.toThrow(PagingError);
  });

  it('keeps the occurrences of a recurring shift apart when told how', async () => {
    const shift = (start: string) => ({ id: '700001', start });
    const pages = [{ resourceType: 'Bundle', entry: [shift('a'), shift('b')] }, { resourceType: 'Bundle', entry: [shift('c')] }];
    const all = await readAllPages((p) => Promise.resolve(pages[p]), { firstPage: 0, pageSize: 2, key: (e) => `${String(e.id)}|${String(e.start)}` });
    expect(all).toHaveLength(3);
  });

  it('refuses a body that is not a Bundle instead of reading it as empty', async () => {
    await expect(readAllPages(() => Promise.resolve({ message: 'Internal error' }), { firstPage: 0, pageSize: 2 })).rejects.toThrow(/not a Bundle/);
  });
});
