// Assessment and report calls (electron/core/api/assess-routes.ts and report-routes.ts) on the one
// client: same token, errors and 401 handling. The data scope (?org=) is passed by the caller from
// the context store, as the dashboards do, so a request names exactly what the page shows.
import type { AssessResult, ObjectType, RankingRow, Scheme, SheetAdjustment, TargetIndicatorId } from '../../shared/assessment.js';
import { dispositionName, json, request, send } from './client.js';

export type Lang = 'zh' | 'en';
export type Format = 'xlsx' | 'pdf';

/** The bulletin's data (electron/core/report/bulletin.ts BulletinData), as the screen reads it. */
export interface BulletinFigure {
  key: string;
  label: string;
  unit: 'yuan' | 'count' | 'ratio' | 'avg';
  lowerIsBetter: boolean;
  value: number | null;
  changes: (number | null)[];
}
export interface Bulletin {
  date: string;
  title: string;
  scope: { type: 'bank' | 'org' | 'staff'; id: string | null; name: string };
  bases: { kind: string; label: string; date: string }[];
  empty?: string;
  headline: BulletinFigure[];
  unitsBy: 'children' | 'staff' | null;
  columns: { key: string; label: string; unit: BulletinFigure['unit'] }[];
  units: { id: string; name: string; values: (number | null)[] }[];
  rankings: { key: string; label: string; unit: BulletinFigure['unit']; rows: { id: string; name: string; value: number | null; rank: number | null }[] }[];
  /** 考核目标进度 of the units (report/bulletin-targets.ts); a null cell is 未设目标 */
  progress: {
    period: string;
    indicators: { id: TargetIndicatorId; label: string; unit: 'yuan' | 'count' | 'ratio'; lowerIsBetter: boolean }[];
    rows: { id: string; name: string; cells: ({ target: number; actual: number | null; completion: number | null } | null)[] }[];
  } | null;
  alerts: { family: string; label: string; open: number }[];
  openAlerts: number;
}

function params(o: Record<string, string | number | boolean | null | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== '' && v !== false) p.set(k, v === true ? '1' : String(v));
  return p;
}

async function download(path: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await request(path);
  return { blob: await res.blob(), fileName: dispositionName(res.headers.get('content-disposition')) ?? path.split('?')[0].split('/').pop()! };
}

export interface SheetsQuery {
  period: string;
  org: string | null;
  all?: boolean;
  staff?: string | null;
}

export const assessApi = {
  sheets: (q: SheetsQuery, signal?: AbortSignal) => json<AssessResult>(`/api/assess?${params({ period: q.period, org: q.org, all: q.all, staff: q.staff })}`, { signal }),
  ranking: (q: { period: string; indicator: 'total' | TargetIndicatorId; type: ObjectType; org: string | null }, signal?: AbortSignal) =>
    json<RankingRow[]>(`/api/assess/ranking?${params(q)}`, { signal }),
  addAdjustment: (a: { period: string; object_type: ObjectType; object_id: string; points: number; reason: string }) => send<SheetAdjustment>('POST', '/api/assess/adjustments', a),
  lock: (period: string) => send<AssessResult>('POST', '/api/assess/lock', { period }),
  unlock: (period: string) => send<{ ok: true }>('POST', '/api/assess/unlock', { period }),
  /** a sheet (org or staff named), or the period's book (all) — the same PDF the desktop prints */
  exportSheets: (q: SheetsQuery & { lang: Lang; format: Format }) =>
    download(`/api/report/assessment/export?${params({ period: q.period, org: q.org, staff: q.staff, all: q.all, lang: q.lang, format: q.format })}`),
  exportRanking: (q: { period: string; indicator: string; type: ObjectType; org: string | null; lang: Lang; format: Format }) => download(`/api/report/ranking/export?${params(q)}`),
  bulletin: (q: { date: string; org: string | null; staff: string | null; lang: Lang }, signal?: AbortSignal) => json<Bulletin>(`/api/report/bulletin?${params(q)}`, { signal }),
  exportBulletin: (q: { date: string; org: string | null; staff: string | null; lang: Lang; format: Format }) => download(`/api/report/bulletin/export?${params(q)}`),
};

/** A scheme as PUT takes it (electron/core/assess/scheme.ts SchemeBody). */
type SchemeBody = Pick<Scheme, 'name' | 'indicators' | 'deduction'>;

export interface TargetsResult {
  period: string;
  locked: boolean;
  /** the grid's rows: the scope's orgs and staff members, with or without data in the period */
  objects: { type: ObjectType; id: string; name: string }[];
  cells: { object_type: ObjectType; object_id: string; indicator: TargetIndicatorId; value: number; batch_id: number | null }[];
  problems: { object_type: ObjectType; object_id: string; indicator: string; problem: string }[];
  unreadable_periods: { period: string; rows: number }[];
}

/** 方案与目标: the scheme line of an object type, and the period's target cells. */
export const schemeApi = {
  schemes: (type: ObjectType, signal?: AbortSignal) => json<{ current: Scheme; history: Scheme[] }>(`/api/assess/schemes/${type}`, { signal }),
  saveScheme: (type: ObjectType, body: SchemeBody) => send<Scheme>('PUT', `/api/assess/schemes/${type}`, body),
  targets: (q: { period: string; org: string | null }, signal?: AbortSignal) => json<TargetsResult>(`/api/assess/targets?${params(q)}`, { signal }),
  /** one cell (value null clears it); the core audits it with the old and the new value */
  setTarget: (q: { period: string; org: string | null }, cell: { object_type: ObjectType; object_id: string; indicator: TargetIndicatorId; value: number | null }) =>
    send<{ ok: true }>('PUT', `/api/assess/targets?${params(q)}`, cell),
};
