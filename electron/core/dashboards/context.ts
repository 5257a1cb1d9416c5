// What every dashboard module shares while one spec is composed: the request (date, base, target,
// language), the figures read through electron/core/indicators (kept while the data stands:
// cache.ts) and the drill references of DATA.md's lists.
import type { Db } from '../db/connection.js';
import { dataDays, readIndicators, readIndicatorsBy, resolveTarget, StaffNotInScopeError, type Target, type TargetFigures } from '../indicators/index.js';
import type { Scope } from '../scope/index.js';
import { ReadCache, targetKey } from './cache.js';
import { INDICATOR_BY_KEY, type DataDay, type IndicatorMeta, type IndicatorSet, type IndicatorValue } from '../../../shared/indicators.js';
import { DRILL_OF, type DrillRef } from '../../../shared/dashboard.js';

export type Lang = 'zh' | 'en';

export interface DashOptions {
  date: string;
  /** the comparison date, already resolved (base.ts) */
  base: string | null;
  target: Target;
  lang: Lang;
  /** KPIs also carry their figure 剔除 confirmed alerts */
  excludeConfirmed?: boolean;
}

export class DashContext {
  readonly date: string;
  readonly base: string | null;
  readonly target: Target;
  readonly lang: Lang;
  readonly excludeConfirmed: boolean;
  private readonly cache: ReadCache;
  private readonly tk: string;
  private days?: DataDay[];
  private readonly reachable = new Map<string, boolean>();

  constructor(
    readonly db: Db,
    o: DashOptions,
  ) {
    this.date = o.date;
    this.base = o.base;
    this.target = o.target;
    this.lang = o.lang;
    this.excludeConfirmed = o.excludeConfirmed === true;
    this.cache = new ReadCache(db);
    this.tk = targetKey(o.target);
  }

  /** The sentence in the request's language. */
  t(zh: string, en: string): string {
    return this.lang === 'zh' ? zh : en;
  }

  /** The locale string of shared/enum-labels.ts. */
  get locale(): string {
    return this.lang === 'zh' ? 'zh-CN' : 'en';
  }

  meta(key: string): IndicatorMeta {
    const m = INDICATOR_BY_KEY.get(key);
    if (!m) throw new Error(`unknown indicator ${key}`);
    return m;
  }

  label(key: string): string {
    const m = this.meta(key);
    return this.lang === 'zh' ? m.zh : m.en;
  }

  /** Every indicator of the target as of `date` (the request's date by default). */
  at(date: string = this.date): IndicatorSet {
    return this.cache.get(`at ${date} ${this.tk}`, () => readIndicators(this.db, date, this.target));
  }

  /** The figures 剔除 confirmed alerts: cached under the alerts' decisions too, which move without the data */
  atExcluded(date: string = this.date): IndicatorSet {
    return this.cache.get(`x ${confirmedStamp(this.db)} ${date} ${this.tk}`, () => readIndicators(this.db, date, this.target, { excludeConfirmed: true }));
  }

  /** The target's figures one level down: its child orgs, or the staff with rows in it. None for a staff target. */
  split(by: 'children' | 'staff', date: string = this.date): TargetFigures[] {
    if (this.target.type === 'staff') return [];
    return this.cache.get(`${by} ${date} ${this.tk}`, () => readIndicatorsBy(this.db, date, this.target, by));
  }

  /** The days holding data, ascending. */
  dataDays(): DataDay[] {
    return (this.days ??= dataDays(this.db));
  }

  /**
   * Whether narrowing the dashboard to a staff member named by rows inside the target would be
   * answered (resolveTarget's rule: the staff member sits inside the target's orgs). A 支行's
   * 客户经理 managing customers of a 分理处 below it has figures there but no dashboard from it.
   */
  canNarrowToStaff(staffId: string): boolean {
    let ok = this.reachable.get(staffId);
    if (ok === undefined) this.reachable.set(staffId, (ok = this.staffInTarget(staffId)));
    return ok;
  }

  private staffInTarget(staffId: string): boolean {
    const t = this.target;
    if (t.type === 'staff') return false;
    const scope: Scope = { orgIds: t.orgIds, rootOrg: t.type === 'org' ? t.id : null, managerId: null };
    try {
      resolveTarget(this.db, scope, { staff: staffId });
      return true;
    } catch (e) {
      if (e instanceof StaffNotInScopeError) return false;
      throw e;
    }
  }

  /** The target as a drill list's params: {org} or {staff}, nothing for the bank. */
  targetParams(): Record<string, string> {
    if (this.target.type === 'org' && this.target.id !== null) return { org: this.target.id };
    if (this.target.type === 'staff' && this.target.id !== null) return { staff: this.target.id };
    return {};
  }

  /** The rows behind a figure of the target (DRILL_OF), or null when no list shows them. */
  listDrill(key: string, cat?: string, date: string = this.date): DrillRef | null {
    const list = DRILL_OF[key];
    if (!list) return null;
    const params: Record<string, string> = { key, date, ...this.targetParams() };
    if (cat !== undefined) params.cat = cat;
    return { kind: 'list', list, params };
  }
}

/** What the confirmed alerts are now: their number, ids, decision times and effects' size (a
 *  confirm, a reopen or a re-run changing a confirmed alert's effects each move it). */
function confirmedStamp(db: Db): string {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'monitor_alert'").get();
  if (!has) return '-';
  return db
    .prepare("SELECT COUNT(*) || ':' || COALESCE(SUM(alert_id), 0) || ':' || COALESCE(MAX(decided_at), '') || ':' || COALESCE(SUM(length(effects)), 0) || ':' || COALESCE(group_concat(evidence_hash), '') FROM monitor_alert WHERE status = 'confirmed'")
    .pluck()
    .get() as string;
}

/** A scalar figure (null for a missing key or a map). */
export function scalar(v: IndicatorValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

/** A map figure (empty for a missing key or a scalar). */
export function mapOf(v: IndicatorValue | undefined): Record<string, number | null> {
  return v !== null && typeof v === 'object' ? v : {};
}

/** 元 (2 decimals from integer 分) → 分, exactly. */
export function fen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** a − b for a unit: money through integer 分, so 0.1 + 0.2 never shows. */
export function difference(unit: string, a: number, b: number): number {
  return unit === 'yuan' ? (fen(a) - fen(b)) / 100 : a - b;
}
