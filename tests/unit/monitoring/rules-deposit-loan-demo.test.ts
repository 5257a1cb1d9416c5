// The six deposit and loan rules on the small demo bank (a real seed, imported through the real
// importer): every case of these families planted in its labels file is found, no decoy labelled
// for one of these rules is, and the precision against the labels is printed (measured, not
// asserted: `npm run bench` holds the goal). The run covers June and July, as the demo bank's
// month-end cases belong to June (the month whose end was dressed) and show in July's data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBank } from '../../../electron/core/first-run.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { DEPOSIT_RULES } from '../../../electron/core/monitoring/rules/deposit/index.js';
import { LOAN_RULES } from '../../../electron/core/monitoring/rules/loan/index.js';
import type { Finding } from '../../../electron/core/monitoring/rule.js';

interface Label {
  model: string;
  kind: string;
  keys: Record<string, string | number | string[]>;
  decoy?: boolean;
  /** the rule and subjects a case is for (labels written since the decoys came) */
  rule?: string;
  subjects?: { type: string; id: string; period: string }[];
}

let dir: string;
let db: Db;
let labels: Label[];
const found = new Map<string, Finding[]>();
const ms = new Map<string, number>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-demo-'));
  const exports = path.join(dir, 'exports');
  await seedDemoBank({ outDir: exports, dbFile: path.join(dir, 'bank.sqlite'), scale: 'small' });
  db = openDb(path.join(dir, 'bank.sqlite'));
  labels = JSON.parse(fs.readFileSync(path.join(exports, 'labels_20240731.json'), 'utf8')) as Label[];
  for (const r of [...DEPOSIT_RULES, ...LOAN_RULES]) {
    const t0 = performance.now();
    found.set(r.id, r.run({ db, period: { from: '2024-06-01', to: '2024-07-31' }, params: {} }));
    ms.set(r.id, Math.round(performance.now() - t0));
  }
}, 240_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** planted case → the rule and subject (and period, where the label says) that must raise it */
function expected(l: Label): { rule: string; id: string; period?: string }[] {
  if (l.rule && l.subjects) return l.subjects.map((s) => ({ rule: l.rule!, id: s.id, period: s.period }));
  const k = l.keys;
  switch (l.kind) {
    case 'month_end_spike':
      // the note says both: the account spiked and its manager's 偏离度 went over 3 %
      return [
        { rule: 'deposit.window_dressing', id: String(k.acct_no) },
        { rule: 'deposit.deviation', id: String(k.manager_id) },
      ];
    case 'period_end_spike_left':
      return [{ rule: 'deposit.window_dressing', id: String(k.acct_no) }];
    case 'period_end_issue_repaid':
      return [{ rule: 'loan.period_end', id: String(k.loan_no) }];
    case 'renew_to_repay':
      return [{ rule: 'loan.renew_to_repay', id: String(k.new_loan_no) }];
    case 'several_managers':
      return [{ rule: 'loan.several_managers', id: String(k.cust_id) }];
    default:
      return [];
  }
}

const MINE = new Set([...DEPOSIT_RULES, ...LOAN_RULES].map((r) => r.id as string));
const has = (rule: string, id: string, period?: string) => (found.get(rule) ?? []).some((f) => f.subject.id === id && (period === undefined || f.period === period));

describe('deposit and loan rules on the small demo bank', () => {
  it('finds every planted case of these families', () => {
    const planted = labels.filter((l) => !l.decoy && (l.model === 'deposit' || l.model === 'loan'));
    expect(planted.length).toBeGreaterThanOrEqual(10);
    const missed = planted
      .flatMap(expected)
      .filter((e) => MINE.has(e.rule))
      .filter((e) => !has(e.rule, e.id, e.period));
    expect(missed).toEqual([]);
  });

  it('raises no decoy labelled for one of these rules', () => {
    const decoys = labels.filter((l) => l.decoy && l.rule && MINE.has(l.rule));
    const raised = decoys.filter((l) => {
      if (l.subjects) return l.subjects.some((s) => has(l.rule!, s.id, s.period));
      const ids = Object.values(l.keys).flatMap((v) => (Array.isArray(v) ? v : [String(v)]));
      return ids.some((id) => has(l.rule!, id));
    });
    expect(raised.map((l) => `${l.rule} ${JSON.stringify(l.keys)}`)).toEqual([]);
  });

  it('prints recall and precision per rule against the labels (measured)', () => {
    const want = new Map<string, Set<string>>();
    // a case is its rule, subject and period (one alert per rule, subject and period)
    const key = (id: string, period?: string) => `${id}@${period ?? '*'}`;
    for (const l of labels.filter((x) => !x.decoy)) for (const e of expected(l)) want.set(e.rule, (want.get(e.rule) ?? new Set()).add(key(e.id, e.period)));
    const lines: string[] = [];
    for (const [rule, list] of found) {
      const w = want.get(rule) ?? new Set<string>();
      const hits = (f: Finding) => w.has(key(f.subject.id, f.period)) || w.has(key(f.subject.id));
      const hit = new Set(list.filter(hits).map((f) => key(f.subject.id, f.period)));
      lines.push(`${rule}: alerts ${list.length}, labelled ${w.size}, recall ${w.size ? (hit.size / w.size).toFixed(2) : '—'}, precision ${list.length ? (list.filter(hits).length / list.length).toFixed(2) : '—'}, ${ms.get(rule)} ms`);
    }
    console.log(lines.join('\n'));
    expect(lines).toHaveLength(6);
  });
});
