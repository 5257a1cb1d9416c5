// Timing of the indicators over 1M acquiring transactions (not part of the unit run):
//   node bin/run-ts.js tests/unit/metrics/perf.ts [rows=1000000] [june-august|july]
import { performance } from 'node:perf_hooks';
import { computeOrgStats } from '../../../electron/core/metrics/stats.js';
import { homeSummary } from '../../../electron/core/metrics/home.js';
import { buildPending } from '../../../electron/core/indicators/job.js';
import { insertRows, tempDb } from './bank.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ONE_MONTH = process.argv[3] === 'july'; // worst case: every row in the month measured
const MERCHANTS = 2_000;
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 50_000); // × 22 working-day snapshots of July
const t = tempDb();
const time = <T>(label: string, f: () => T): T => {
  const t0 = performance.now();
  const r = f();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
};
try {
  insertRows(t.db, 'org', [
    { org_id: 'H', name: '总行', level: '总行' },
    ...Array.from({ length: 20 }, (_, i) => ({ org_id: `B${i}`, name: `支行${i}`, parent_id: 'H', level: '支行' })),
  ]);
  time('insert', () =>
    t.db.transaction(() => {
      const m = t.db.prepare('INSERT INTO merchant (merchant_id, name, org_id, status) VALUES (?,?,?,?)');
      for (let i = 0; i < MERCHANTS; i++) m.run(`M${i}`, `商户${i}`, `B${i % 20}`, '正常');
      const c = t.db.prepare('INSERT INTO customer (cust_id, name, org_id) VALUES (?,?,?)');
      for (let i = 0; i < ACCOUNTS; i++) c.run(`C${i}`, `客户${i}`, `B${i % 20}`);
      const d = t.db.prepare('INSERT INTO deposit (data_date, acct_no, cust_id, balance, org_id) VALUES (?,?,?,?,?)');
      for (let day = 1; day <= 31; day++) {
        const date = `2024-07-${String(day).padStart(2, '0')}`;
        if ([0, 6].includes(new Date(date).getUTCDay())) continue; // weekends carry Friday's snapshot
        // half the rows carry no org of their own, so the customer's is looked up
        for (let i = 0; i < ACCOUNTS; i++) d.run(date, `A${i}`, `C${i}`, 100_000 + i + day, i % 2 ? `B${i % 20}` : null);
      }
      const x = t.db.prepare('INSERT INTO acq_txn (txn_id, merchant_id, txn_time, amount, payer, txn_type) VALUES (?,?,?,?,?,?)');
      // June to August 2024 (two thirds of the rows outside the month measured), or July only
      const start = Date.UTC(2024, ONE_MONTH ? 6 : 5, 1);
      const span = Date.UTC(2024, ONE_MONTH ? 7 : 8, 1) - start;
      let seed = 42; // mulberry32: deterministic, well spread
      const rnd = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let z = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
        return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
      };
      for (let i = 0; i < ROWS; i++) {
        const ts = new Date(start + Math.floor(rnd() * span)).toISOString().replace('T', ' ').slice(0, 19);
        x.run(`T${i}`, `M${Math.floor(rnd() * MERCHANTS)}`, ts, 1000, `P${Math.floor(rnd() * 500)}`, rnd() < 0.95 ? '消费' : '撤销');
      }
    })(),
  );
  // the figures read materialised cells: building them is the cost an import pays once
  const s = time('computeOrgStats 2024-07-31 (cold: builds the cells it needs)', () => computeOrgStats(t.db, '2024-07-31', ALL));
  time(`materialise every other data date (${ACCOUNTS} accounts × 23 snapshots)`, () => buildPending(t.db));
  time('computeOrgStats 2024-07-31 (warm)', () => computeOrgStats(t.db, '2024-07-31', ALL));
  time('computeOrgStats 2024-07-15', () => computeOrgStats(t.db, '2024-07-15', ALL));
  const h = s.orgs.find((o) => o.org_id === 'H')!;
  console.log(`head office: merchants ${h.merchants}, 高质量 ${h.high_quality_merchants}`);
  time('homeSummary', () => homeSummary(t.db, ALL));
  t.db.exec('ANALYZE');
  time('computeOrgStats 2024-07-31 (after ANALYZE)', () => computeOrgStats(t.db, '2024-07-31', ALL));
} finally {
  t.close();
}
