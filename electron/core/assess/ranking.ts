// Rankings and 对标找差: the peers of one type ranked by total or by one indicator's actual, each
// with its gap to the best peer and to the peers' average (in the indicator's unit: 元, a count,
// a fraction; for the total, points), and its rank in the previous period of the same kind.
//
// Peers: every staff member of the bank; for orgs, the orgs of one 机构层级 (by default the level
// right below the head office, the 支行). Ranks and gaps are among all peers of the bank (as the
// sheets' ranks, sheet.ts); the rows listed are those the caller's scope may see.
// A gap is how far the object is behind: best − value where higher is better, value − best where
// lower is; likewise for the average (negative: better than average). Null values rank last.
import type { AssessResult, ObjectType, RankingRow, Sheet, TargetIndicatorId } from '../../../shared/assessment.js';
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { headOfficeOf, type Scope } from '../scope/index.js';
import { sheetVisible, staffOrgLookup } from './assess.js';
import { periodResult } from './lock.js';
import { parsePeriod, previousPeriod } from './period.js';
import { ranks } from './rank.js';

export interface RankingQuery {
  period: string;
  indicator: 'total' | TargetIndicatorId;
  type: ObjectType;
  /** orgs only: the 机构层级 to rank (default: the level below the head office) */
  level?: string;
}

function defaultLevel(db: Db): string | null {
  const tree = loadOrgTree(db);
  const head = headOfficeOf(tree);
  const first = head !== null ? tree.children(head)[0] : tree.roots[0];
  return first?.level ?? null;
}

interface Peer {
  sheet: Sheet;
  value: number | null;
}

function peersOf(db: Db, result: AssessResult, q: RankingQuery, level: string | null): Peer[] {
  const levels = new Map(loadOrgTree(db).orgs.map((o) => [o.org_id, o.level]));
  return result.sheets
    .filter((s) => s.object.type === q.type && (q.type === 'staff' || (levels.get(s.object.id) ?? null) === level))
    .map((sheet) => ({ sheet, value: q.indicator === 'total' ? sheet.total : (sheet.rows.find((r) => r.indicator === q.indicator)?.actual ?? null) }));
}

export function ranking(db: Db, scope: Scope, q: RankingQuery): RankingRow[] {
  const meta = q.indicator === 'total' ? null : TARGET_INDICATORS.find((t) => t.id === q.indicator);
  if (q.indicator !== 'total' && !meta) throw new UserInputError(`未知指标 ${String(q.indicator).slice(0, 40)} (unknown indicator)`, 'bad_indicator');
  const lower = meta?.lowerIsBetter ?? false;
  const money = meta?.unit === 'yuan';
  const p = parsePeriod(q.period);
  const level = q.type === 'org' ? (q.level ?? defaultLevel(db)) : null;
  const peers = peersOf(db, periodResult(db, p), q, level);
  if (q.indicator !== 'total' && peers.length && peers.every((x) => !x.sheet.rows.some((r) => r.indicator === q.indicator))) {
    throw new UserInputError(`指标 ${q.indicator} 不在考核方案中 (the indicator is not in the scheme)`, 'not_in_scheme');
  }
  const r = ranks(peers.map((x) => x.value), lower);
  const prev = previousRanks(db, p, q, level, lower);

  // money in 分 so that the gaps are exact; the average is left unrounded
  const exact = (v: number) => (money ? Math.round(v * 100) : v);
  const back = (v: number) => (money ? v / 100 : v);
  const values = peers.map((x) => x.value).filter((v): v is number => v !== null);
  const best = values.length ? values.reduce((b, v) => (lower ? Math.min(b, v) : Math.max(b, v))) : null;
  const avg = values.length ? values.reduce((s, v) => s + exact(v), 0) / values.length : null;
  const staffOrg = staffOrgLookup(db);
  return peers
    .map((x, i): RankingRow & { visible: boolean } => {
      const v = x.value;
      const behind = (ref: number | null) => (v === null || ref === null ? null : back(lower ? exact(v) - ref : ref - exact(v)));
      return {
        object: x.sheet.object,
        value: v,
        rank: r[i],
        prev_rank: prev.get(x.sheet.object.id) ?? null,
        gap_to_best: behind(best === null ? null : exact(best)),
        gap_to_avg: behind(avg),
        visible: sheetVisible(scope, x.sheet, staffOrg),
      };
    })
    .filter((x) => x.visible)
    .map(({ visible: _v, ...row }) => row)
    .sort((a, b) => a.rank - b.rank || (a.object.id < b.object.id ? -1 : 1));
}

/** Ranks in the previous period of the same kind; none when it cannot be assessed (no data). */
function previousRanks(db: Db, p: ReturnType<typeof parsePeriod>, q: RankingQuery, level: string | null, lower: boolean): Map<string, number> {
  let result: AssessResult;
  try {
    result = periodResult(db, previousPeriod(p));
  } catch (e) {
    if (e instanceof UserInputError) return new Map();
    throw e;
  }
  const peers = peersOf(db, result, q, level);
  const r = ranks(peers.map((x) => x.value), lower);
  return new Map(peers.map((x, i) => [x.sheet.object.id, r[i]]));
}
