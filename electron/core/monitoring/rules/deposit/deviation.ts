// deposit.deviation (存款偏离度 over the threshold setting), for every org of the tree (总行, 支行,
// 分理处: each over its subtree) and every staff member (the rows naming them as 归属客户经理).
//
// Judged at each month end of the run's period, or at the period's last day when its month is not
// over, moved back to the latest deposit snapshot on or before it (the last day with data). The
// figure is the dashboards' own (DATA.md: (balance − month's 日均) / 日均, the 日均 rounded to the 分
// before dividing): read from the materialised deposit cells (indicators/), so the cost does not
// grow with the rows of the month, and an alert never disagrees with the dashboard it names.
import type { Db } from '../../../db/connection.js';
import { addDays, daysBetween, monthEnd, monthStart } from '../../../../../shared/dates.js';
import { divRound, fenToYuan } from '../../../../../shared/money.js';
import type { Evidence } from '../../../../../shared/monitoring.js';
import { ensureFamilyDates } from '../../../indicators/store.js';
import { dayWeights, snapshotDates } from '../../../indicators/snapshots.js';
import { ratio } from '../../../metrics/ratio.js';
import { loadOrgTree } from '../../../metrics/org-tree.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import { indicatorSettings } from '../../../settings/indicators.js';
import type { Finding, RuleContext, RuleDef, RuleParam, RunPeriod } from '../../rule.js';
import { dailySeries, md, paramOf, scoreOver, wan, yuanToFenN } from './common.js';

const PARAMS: RuleParam[] = [
  // a 客户经理 with a few accounts swings by more than the threshold on one ordinary deposit
  { key: 'min_avg', zh: '最低月日均（元）', en: 'Minimum monthly average (yuan)', kind: 'yuan', min: 0, max: 10_000_000_000, default: 1_000_000 },
  // a month held only as a month-end snapshot has no daily average of its own: its "日均" is the
  // previous month end carried over (DATA.md), so the figure measures the month's growth. By default
  // such a month is judged all the same, as the dashboards show its figure; a bank whose older months
  // are monthly files can require daily data here
  { key: 'min_coverage', zh: '本月有数据天数的最低占比', en: 'Minimum share of the month’s days with a snapshot', kind: 'ratio', min: 0, max: 1, default: 0 },
];

/** The days judged: each month end inside the period, and the period's last day when its month is
 *  not over; each moved back to the last deposit snapshot on or before it, if that is in its month. */
export function judgedDays(db: Db, period: RunPeriod): string[] {
  const out: string[] = [];
  for (let m = monthEnd(period.from); ; m = monthEnd(addDays(m, 1))) {
    const day = m < period.to ? m : period.to;
    const snap = latestSnapshot(db, 'deposit', day);
    if (snap !== null && snap >= monthStart(day) && !out.includes(snap)) out.push(snap);
    if (m >= period.to) break;
  }
  return out;
}

interface Figure {
  balance: bigint;
  avg: bigint;
  totals: Map<string, bigint>;
}

function figures(snaps: readonly string[], byGroup: Map<string, Map<string, bigint>>, start: string, day: string): Map<string, Figure> {
  const weights = dayWeights(snaps, start, day);
  const days = BigInt(weights.reduce((s, w) => s + w.days, 0));
  const out = new Map<string, Figure>();
  for (const [g, totals] of byGroup) {
    let fenDays = 0n;
    for (const w of weights) fenDays += (totals.get(w.snap) ?? 0n) * BigInt(w.days);
    out.set(g, { balance: totals.get(day) ?? 0n, avg: divRound(fenDays, days), totals });
  }
  return out;
}

function run(ctx: RuleContext): Finding[] {
  const { db, period } = ctx;
  const minAvg = yuanToFenN(paramOf(ctx, PARAMS, 'min_avg'));
  const minCoverage = paramOf(ctx, PARAMS, 'min_coverage');
  const threshold = indicatorSettings(db).deviationThreshold;
  const tree = loadOrgTree(db);
  const staff = new Map((db.prepare('SELECT staff_id, name, org_id FROM staff').all() as { staff_id: string; name: string; org_id: string }[]).map((s) => [s.staff_id, s]));
  const out: Finding[] = [];

  for (const day of judgedDays(db, period)) {
    const start = monthStart(day);
    const from = latestSnapshot(db, 'deposit', start) ?? start;
    const snaps = snapshotDates(db, 'deposit', from, day);
    const own = snaps.filter((s) => s >= start).length;
    if (own < minCoverage * (daysBetween(start, day) + 1)) continue;
    ensureFamilyDates(db, snaps, 'deposit');
    // the daily totals per org of the row (rolled up to every org above it) and per staff member, in
    // one pass over the materialised cells the dashboards sum (indicators/sums.ts reads the same rows)
    const byOrg = new Map<string, Map<string, bigint>>();
    const byStaff = new Map<string, Map<string, bigint>>();
    const add = (m: Map<string, Map<string, bigint>>, g: string, d: string, v: bigint) => {
      let t = m.get(g);
      if (!t) m.set(g, (t = new Map()));
      t.set(d, (t.get(d) ?? 0n) + v);
    };
    const cells = db
      .prepare(
        `SELECT data_date, org_id, staff_id, SUM(value) FROM ind_cell
          WHERE family = 'deposit' AND measure = 'dep_bal' AND data_date >= ? AND data_date <= ?
          GROUP BY data_date, org_id, staff_id`,
      )
      .raw(true)
      .safeIntegers(true)
      .iterate(from, day) as Iterable<[string, string, string, bigint]>;
    for (const [d, org, s, v] of cells) {
      // an org not loaded: only the bank's figure holds it
      if (tree.byId.has(org)) for (const a of tree.ancestors(org)) add(byOrg, a, d, v);
      if (s !== '') add(byStaff, s, d, v);
    }

    const judge = (type: 'org' | 'staff', id: string, f: Figure) => {
      if (f.avg <= 0n || f.avg < minAvg) return;
      const dev = ratio(f.balance - f.avg, f.avg)!;
      if (!(dev > threshold)) return;
      const org = type === 'org' ? tree.byId.get(id)! : null;
      const person = type === 'staff' ? staff.get(id) : undefined;
      const name = type === 'org' ? org!.name : person ? `客户经理 ${id}（${person.name}）` : `客户经理 ${id}`;
      const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
      const evidence: Evidence[] = [
        {
          kind: 'figure',
          id: 'deposit_deviation',
          fields: {
            subject_type: type,
            subject_id: id,
            subject_name: type === 'org' ? org!.name : (person?.name ?? null),
            level: org?.level ?? null,
            date: day,
            deposit_balance: fenToYuan(f.balance),
            deposit_avg_month: fenToYuan(f.avg),
            deposit_deviation: dev,
            threshold,
          },
          series: dailySeries(snaps, f.totals, start, day),
        },
      ];
      out.push({
        rule: 'deposit.deviation',
        subject: { type, id },
        org_id: type === 'org' ? id : (person?.org_id ?? null),
        staff_id: type === 'staff' ? id : null,
        period: day.slice(0, 7),
        score: scoreOver(dev / threshold, 3),
        summary: `${name} ${+day.slice(5, 7)}月 存款偏离度 ${pct(dev)}，超过阈值 ${pct(threshold)}：${md(day)} 余额 ${wan(f.balance)} 万元，本月日均 ${wan(f.avg)} 万元`,
        evidence,
        // the figure itself is not taken apart: the accounts that dressed it are deposit.window_dressing's alerts, whose effects do
        effects: [],
      });
    };
    const orgFigures = figures(snaps, byOrg, start, day);
    for (const o of tree.orgs) {
      const f = orgFigures.get(o.org_id);
      if (f) judge('org', o.org_id, f);
    }
    for (const [id, f] of figures(snaps, byStaff, start, day)) judge('staff', id, f);
  }
  return out;
}

export const DEVIATION: RuleDef = {
  id: 'deposit.deviation',
  zh: '存款偏离度超标',
  en: 'Deposit deviation over the threshold',
  explanation:
    '监测各机构（总行、支行、分理处）和各客户经理的存款偏离度：月末最后一日存款余额相对本月日均存款的偏离程度（月中按当日余额对本月已过天数的日均）。' +
    '监管要求商业银行月末存款偏离度不超过阈值（默认 3%，可在指标设置中修改），偏离过大说明月末时点余额靠临时拉存款冲高，' +
    '时点考核数据失真。月日均低于参数的对象不判，以免少量账户的正常波动误报；可要求本月有存款快照的天数达到一定比例才判（只有月末快照的月份，其日均是上月末余额顺延，偏离度反映的是当月增量；默认照常判断，与看板数字一致）。本预警指出偏离的机构和人员，具体冲时点的账户及其剔除金额见“冲时点存款”预警。',
  explanationEn:
    'Watches the deposit deviation of every org (head office, branches, sub-branches) and every account manager: how far the month-end balance stands above the month’s daily average (mid-month, the day’s balance against the average so far). Regulators cap the month-end deviation (3% by default, set in the indicator settings); a larger one means the period-end balance was pushed up with money that does not stay, so point-in-time figures overstate the business. Subjects whose monthly average is below the minimum set are not judged, so the ordinary swings of a few accounts do not alarm; a minimum share of the month’s days with a snapshot of their own can be required (a month held as one month-end file has the previous month end carried as its average, so its deviation is the month’s growth; by default it is judged, as the dashboards show it). The alert names the org or person; the accounts that dressed the figure, and the amounts taken out, are the window-dressing alerts.',
  params: PARAMS,
  run,
};
