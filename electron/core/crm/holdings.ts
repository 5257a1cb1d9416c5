// customer_holding: the 18-item mask, 月日均金融资产 and star of every customer as of a date,
// materialised for the search, gap and coverage views. Rebuilt whole, in one transaction, when
// the data (data_version), the catalog or the star bounds changed since it was built.
import type { Db } from '../db/connection.js';
import { BadRequestError, HttpError } from '../auth/errors.js';
import { dataVersion } from '../import/data-version.js';
import { assertDay } from '../../../shared/dates.js';
import { getCatalog, getStarBounds } from './catalog.js';
import { allAssetSums } from './holdings-assets.js';
import { buildMasks } from './holdings-build.js';
import { compileCatalog, popcount } from './holdings-rules.js';
import { averageFen, starOf } from './star.js';

export { customerItems } from './holdings-items.js';

/** 409 through the API: nothing is wrong with the request, the cache is simply still empty. */
export class EmptyBankError extends HttpError {
  constructor() {
    super(409, '尚未导入任何业务数据（存款、贷款、银行卡、签约、商户），无法计算客户持有业务。 (No business data imported yet.)', 'no_data');
  }
}

/**
 * The date the customer views default to: the latest deposit snapshot, else the latest loan
 * snapshot, else the latest date any business record carries. Never today: a cache whose data
 * stops in July must not show August as empty.
 */
export function latestDataDate(db: Db): string {
  const d = db
    .prepare(
      `SELECT COALESCE(
         (SELECT MAX(data_date) FROM deposit),
         (SELECT MAX(data_date) FROM loan),
         (SELECT MAX(d) FROM (SELECT MAX(sign_date) AS d FROM signing UNION ALL SELECT MAX(issue_date) FROM card
                              UNION ALL SELECT MAX(sign_date) FROM merchant)))`,
    )
    .pluck()
    .get() as string | null;
  if (!d) throw new EmptyBankError();
  return d;
}

export function resolveDate(db: Db, date?: string): string {
  if (date === undefined) return latestDataDate(db);
  try {
    assertDay(date);
  } catch (e) {
    throw new BadRequestError((e as Error).message, 'invalid_date');
  }
  return date;
}

const stateName = (date: string) => `holding:${date}`;

function isFresh(db: Db, date: string, version: number): boolean {
  const v = db.prepare('SELECT data_version FROM derived_state WHERE name = ?').pluck().get(stateName(date)) as number | undefined;
  return v === version;
}

/** The date's masks from customer_holding when it is current (same data version; a catalog save
 *  drops it), else null: a reader that needs masks reuses a build rather than redoing it. */
export function currentMasks(db: Db, date: string): Map<string, number> | null {
  if (!isFresh(db, date, dataVersion(db))) return null;
  const rows = db.prepare('SELECT cust_id, mask FROM customer_holding WHERE data_date = ?').raw(true).all(date) as [string, number][];
  return new Map(rows);
}

export interface BuildInfo {
  date: string;
  rebuilt: boolean;
  customers: number;
  ms: number;
  assets?: string; // the strategy of holdings-assets.ts used
}

/** Makes customer_holding current for the date (default: latestDataDate) and returns the date. */
export function ensureHoldings(db: Db, date?: string): string {
  return ensureHoldingsInfo(db, date).date;
}

export function ensureHoldingsInfo(db: Db, date?: string): BuildInfo {
  const t0 = performance.now();
  const d = resolveDate(db, date);
  if (isFresh(db, d, dataVersion(db))) return { date: d, rebuilt: false, customers: 0, ms: performance.now() - t0 };
  // IMMEDIATE: two requests racing to build the same date queue here, and the second finds it done
  return db.transaction((): BuildInfo => {
    const version = dataVersion(db);
    if (isFresh(db, d, version)) return { date: d, rebuilt: false, customers: 0, ms: performance.now() - t0 };
    const masks = buildMasks(db, d, compileCatalog(getCatalog(db)));
    const assets = allAssetSums(db, d);
    const bounds = getStarBounds(db);
    // rows of dates built from older data would only be rebuilt anyway: drop them, so the table
    // holds the dates in use rather than every date anyone ever looked at
    db.prepare(
      `DELETE FROM customer_holding WHERE data_date = ?
          OR data_date NOT IN (SELECT substr(name, 9) FROM derived_state WHERE name LIKE 'holding:%' AND data_version = ?)`,
    ).run(d, version);
    // org_id: the customer's org, copied so a data scope counts a branch from an index (migration 008)
    const insert = db.prepare(
      'INSERT INTO customer_holding (data_date, cust_id, mask, coverage, avg_assets, star, org_id) VALUES (?, ?, ?, ?, ?, ?, (SELECT org_id FROM customer WHERE cust_id = ?))',
    );
    for (const [cust, mask] of masks) {
      const avg = averageFen({ fenDays: BigInt(assets.sums.get(cust) ?? 0), days: assets.days });
      insert.run(d, cust, mask, popcount(mask), avg, starOf(avg, bounds), cust);
    }
    db.prepare(
      `INSERT INTO derived_state (name, data_version, built_at) VALUES (?, ?, datetime('now', 'localtime'))
       ON CONFLICT(name) DO UPDATE SET data_version = excluded.data_version, built_at = excluded.built_at`,
    ).run(stateName(d), version);
    return { date: d, rebuilt: true, customers: masks.size, ms: performance.now() - t0, assets: assets.strategy };
  }).immediate();
}
