// A large 收单交易流水 file for import benchmarks: the same columns, encoding (GB18030) and
// look as the seed's, without building a whole bank first.

import { Rng } from './rng.js';
import { ACQ_HEADER, daySecond } from './acq.js';
import { dayRange, timestamp } from './dates.js';
import { DelimitedWriter, yuan } from './writers.js';

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[Math.floor(rng.next() * 16)];
  return s;
}

/** writes `rows` transactions of July 2024 over 2,000 merchants and 200,000 payers */
export async function writeBenchAcqTxn(path: string, rows: number, seed = 1): Promise<void> {
  const rng = new Rng(seed, 'bench-acq');
  const merchants = Array.from({ length: 2000 }, (_, i) => `8983501${String(5000 + (i % 4000)).padStart(4, '0')}${String(i).padStart(4, '0')}`);
  const terminals = merchants.map(() => rng.digits(8));
  const tickets = merchants.map(() => Math.round(rng.logNormal(6000, 0.8)));
  const payers = Array.from({ length: 200_000 }, () => hex(rng, 16));
  const days = dayRange('2024-07-01', '2024-07-31');
  const w = new DelimitedWriter(path, ACQ_HEADER, { encoding: 'gb18030' });
  let written = 0;
  days.forEach((day, d) => {
    const n = Math.round((rows * (d + 1)) / days.length) - written;
    const secs = Array.from({ length: n }, () => daySecond(rng)).sort((a, b) => a - b);
    for (let i = 0; i < n; i++) {
      const m = Math.floor(rng.next() ** 2 * merchants.length);
      const r = rng.next();
      w.write([
        `${day.replace(/-/g, '')}${String(i + 1).padStart(8, '0')}`, merchants[m], terminals[m], timestamp(day, secs[i]),
        yuan(Math.max(100, Math.round(rng.logNormal(tickets[m], 0.8)))), payers[Math.floor(rng.next() * payers.length)],
        rng.next() < 0.72 ? '扫码' : '银行卡', r < 0.965 ? '消费' : r < 0.985 ? '撤销' : '退货',
      ]);
    }
    written += n;
  });
  w.close();
}
