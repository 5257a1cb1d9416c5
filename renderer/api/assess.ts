// Assessment and report calls (electron/core/api/assess-routes.ts and report-routes.ts) on the one
// client: same token, errors and 401 handling. The data scope (?org=) is passed by the caller from
// the context store, as the dashboards do, so a request names exactly what the page shows.
import type { AssessResult, ObjectType, RankingRow, SheetAdjustment, TargetIndicatorId } from '../../shared/assessment.js';
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
