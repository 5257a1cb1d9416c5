// Timing of the customer core on a seeded bank (not part of the unit run):
//   node bin/branch-console.js seed --db /tmp/m.db --scale medium
//   node bin/run-ts.js tests/unit/crm/core/perf.ts /tmp/m.db [date]
import { performance } from 'node:perf_hooks';
import { openDb } from '../../../../electron/core/db/connection.js';
import { invalidateHoldings } from '../../../../electron/core/crm/catalog.js';
import { customer360 } from '../../../../electron/core/crm/customer360.js';
import { allAssetSums } from '../../../../electron/core/crm/holdings-assets.js';
import { customerItems } from '../../../../electron/core/crm/holdings-items.js';
import { ensureHoldingsInfo, resolveDate } from '../../../../electron/core/crm/holdings.js';
import { quickCheck } from '../../../../electron/core/crm/quick-check.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

const file = process.argv[2];
if (!file) throw new Error('usage: perf.ts DB [date]');
const db = openDb(file);
const date = resolveDate(db, process.argv[3]);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
console.log(`customers: ${db.prepare('SELECT count(*) FROM customer').pluck().get()}, deposit rows: ${db.prepare('SELECT count(*) FROM deposit').pluck().get()}, date ${date}`);
for (const strategy of ['index-scan', 'month-pass'] as const) {
  const t0 = performance.now();
  allAssetSums(db, date, strategy);
  console.log(`assets by ${strategy}: ${ms(t0)}`);
}
for (let i = 0; i < 2; i++) {
  invalidateHoldings(db);
  const info = ensureHoldingsInfo(db, date);
  console.log(`ensureHoldings (rebuild, assets by ${info.assets}): ${info.ms.toFixed(0)} ms for ${info.customers} customers`);
}
console.log(`ensureHoldings (fresh): ${ensureHoldingsInfo(db, date).ms.toFixed(2)} ms`);
const ids = db.prepare('SELECT cust_id FROM customer ORDER BY random() LIMIT 500').pluck().all() as string[];
const fns: [string, (c: string) => unknown][] = [
  ['customerItems', (c) => customerItems(db, c, date)],
  ['customer360', (c) => customer360(db, c, ALL, { date, reveal: false })],
  ['quickCheck', (c) => quickCheck(db, c, ALL, { date })],
];
for (const [name, fn] of fns) {
  const times = ids.map((c) => {
    const t0 = performance.now();
    fn(c);
    return performance.now() - t0;
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(`${name}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${times.length} customers`);
}
db.close();
