import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_BY_ID, headerNames } from '../../../shared/datasets.js';
import { writeBenchAcqTxn } from '../../../seeds/bench-file.js';
import { parseDelimited } from './helpers.js';

describe('writeBenchAcqTxn', () => {
  it('writes exactly N 收单交易 rows as GB18030 CSV, repeatably, ordered by time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-bench-'));
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await writeBenchAcqTxn(a, 20_000, 3);
    await writeBenchAcqTxn(b, 20_000, 3);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    const bytes = fs.readFileSync(a);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const rows = parseDelimited(new TextDecoder('gb18030').decode(bytes), ',');
    const zh = DATASET_BY_ID.acq_txn.columns.map((c) => headerNames(c)[0]);
    expect(rows[0]).toEqual(zh);
    expect(rows.length - 1).toBe(20_000);
    const times = rows.slice(1).map((r) => r[3]);
    expect([...times].sort()).toEqual(times);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(20_000);
    for (const r of rows.slice(1, 500)) {
      expect(r[4]).toMatch(/^\d+\.\d\d$/);
      expect(['消费', '撤销', '退货']).toContain(r[7]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
