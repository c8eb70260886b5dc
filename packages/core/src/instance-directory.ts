// Which InstanceId belongs to which customer space. The service offers no CustSpaceId filter, so the only way is
// to page through ListInstance and match each row's CustSpaceId. That costs one call per page against a 5/s quota,
// so the mapping is cached per client (per account), every row a scan sees is remembered (one scan serves a whole
// batch), and concurrent lookups share one scan in flight instead of each paging the list.
//
// A cached mapping is re-checked on every read with ListInstance filtered by InstanceId (a documented filter); the
// row must still carry the space, else the entry is dropped and the list scanned again. Writes trust the cache.
import type { ClientContext } from './context.js';
import { listInstancePage } from './operations/list-instance.js';
import { CustomerTermsNotFoundError } from './record-errors.js';

/** A ListInstance row for the space, and how many pages it took. */
export interface FoundRow {
  row: Record<string, unknown>;
  pages: number;
}

/** The per-client space → InstanceId directory. */
export interface InstanceDirectory {
  /** The space's current row, read now (cached mapping re-checked, else a scan). Throws CustomerTermsNotFoundError. */
  read(ctx: ClientContext, custSpaceId: string): Promise<FoundRow>;
  /** The space's InstanceId: from the cache, else from a scan. Throws CustomerTermsNotFoundError. */
  instanceIdFor(ctx: ClientContext, custSpaceId: string): Promise<string>;
  /** Drops the space's mapping if it still names `instanceId` (the service refused that instance as unknown). */
  forget(ctx: ClientContext, custSpaceId: string, instanceId: string): Promise<void>;
  /** How many spaces are mapped. */
  size(): number;
}

/** Most pages one scan reads, whatever TotalCount says: a guard against a service that ignores PageIndex. */
const MAX_PAGES = 10_000;

interface ScanResult {
  /** performance.now() when the scan began: rows may predate anything written after it. */
  startedAt: number;
  rows: Map<string, Record<string, unknown>>;
  pages: number;
  requestId: string | undefined;
}

function field(row: Record<string, unknown>, name: string): string | undefined {
  const value = row[name];
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * Keeps, per space, the row with the latest SubmitTime ("YYYY-MM-DD HH:mm:ss" sorts as text). A space with several
 * channel instances is not described by the docs; the most recently submitted one is taken as its terms.
 */
function keepLatest(rows: Map<string, Record<string, unknown>>, row: Record<string, unknown>): void {
  const space = field(row, 'CustSpaceId');
  if (space === undefined || field(row, 'InstanceId') === undefined) return;
  const current = rows.get(space);
  if (current === undefined || (field(row, 'SubmitTime') ?? '') >= (field(current, 'SubmitTime') ?? '')) {
    rows.set(space, row);
  }
}

/** Creates an empty directory. */
export function createInstanceDirectory(pageSize: number): InstanceDirectory {
  const mapping = new Map<string, string>();
  const scans = new Map<string, Promise<ScanResult>>();

  async function accountOf(ctx: ClientContext): Promise<string> {
    return (await ctx.credentials()).accessKeyId;
  }

  async function runScan(ctx: ClientContext, account: string): Promise<ScanResult> {
    const startedAt = performance.now();
    const rows = new Map<string, Record<string, unknown>>();
    let pages = 0;
    let seen = 0;
    let requestId: string | undefined;
    let previousIds = '';
    for (let pageIndex = 1; pageIndex <= MAX_PAGES; pageIndex += 1) {
      const page = await listInstancePage(ctx, { pageIndex, pageSize });
      pages += 1;
      requestId = page.requestId;
      const ids = page.rows.map((row) => field(row, 'InstanceId') ?? '').join(',');
      if (page.rows.length === 0 || ids === previousIds) break;
      previousIds = ids;
      for (const row of page.rows) keepLatest(rows, row);
      seen += page.rows.length;
      if (seen >= page.totalCount || page.rows.length < pageSize) break;
    }
    for (const [space, row] of rows) mapping.set(`${account}#${space}`, field(row, 'InstanceId') ?? '');
    return { startedAt, rows, pages, requestId };
  }

  /** One scan per account at a time; callers that arrive while it runs share its outcome, failure included. */
  function scan(ctx: ClientContext, account: string): Promise<ScanResult> {
    const running = scans.get(account);
    if (running !== undefined) return running;
    const started = runScan(ctx, account).finally(() => scans.delete(account));
    scans.set(account, started);
    return started;
  }

  /**
   * The space's row from a scan that began no earlier than `since`. Joining a scan already under way saves calls,
   * but its pages may predate a write the caller just made (verify reads right after writing), so a joined scan
   * that started too early is followed by one more, which necessarily starts after it (and so after `since`).
   */
  async function scanFor(ctx: ClientContext, account: string, custSpaceId: string, since: number): Promise<FoundRow> {
    let result = await scan(ctx, account);
    let pages = result.pages;
    if (result.startedAt < since) {
      result = await scan(ctx, account);
      pages += result.pages;
    }
    const row = result.rows.get(custSpaceId);
    if (row === undefined) {
      mapping.delete(`${account}#${custSpaceId}`);
      throw new CustomerTermsNotFoundError(custSpaceId, pages, result.requestId);
    }
    return { row, pages };
  }

  /** The cached mapping re-checked with ListInstance filtered by InstanceId: the row, or undefined if it moved. */
  async function recheck(
    ctx: ClientContext,
    custSpaceId: string,
    instanceId: string,
  ): Promise<Record<string, unknown> | undefined> {
    const page = await listInstancePage(ctx, { pageIndex: 1, pageSize, instanceId });
    return page.rows.find(
      (candidate) => field(candidate, 'InstanceId') === instanceId && field(candidate, 'CustSpaceId') === custSpaceId,
    );
  }

  return {
    async read(ctx, custSpaceId) {
      const since = performance.now();
      const account = await accountOf(ctx);
      const key = `${account}#${custSpaceId}`;
      const instanceId = mapping.get(key);
      if (instanceId === undefined) return scanFor(ctx, account, custSpaceId, since);
      const row = await recheck(ctx, custSpaceId, instanceId);
      if (row !== undefined) return { row, pages: 1 };
      mapping.delete(key);
      const found = await scanFor(ctx, account, custSpaceId, since);
      return { row: found.row, pages: found.pages + 1 };
    },
    async instanceIdFor(ctx, custSpaceId) {
      const account = await accountOf(ctx);
      const cached = mapping.get(`${account}#${custSpaceId}`);
      if (cached !== undefined) return cached;
      // A mapping does not go stale the way field values do: any scan, even one already under way, will do.
      const { row } = await scanFor(ctx, account, custSpaceId, Number.NEGATIVE_INFINITY);
      return field(row, 'InstanceId') ?? '';
    },
    async forget(ctx, custSpaceId, instanceId) {
      const key = `${await accountOf(ctx)}#${custSpaceId}`;
      if (mapping.get(key) === instanceId) mapping.delete(key);
    },
    size: () => mapping.size,
  };
}
