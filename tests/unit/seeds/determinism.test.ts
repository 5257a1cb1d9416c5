import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedResult } from '../../../seeds/index.js';
import { removeSeed, seedTo } from './helpers.js';

describe('generateDemoBank determinism', () => {
  let a: SeedResult;
  let b: SeedResult;
  let c: SeedResult;
  beforeAll(async () => {
    a = await seedTo('seed-a-', { seed: 7 });
    b = await seedTo('seed-b-', { seed: 7 });
    c = await seedTo('seed-c-', { seed: 8 });
  });
  afterAll(() => removeSeed(a, b, c));

  it('writes the same bytes for the same seed, every file including the XLSX ones', () => {
    expect(a.files.map((f) => path.basename(f))).toEqual(b.files.map((f) => path.basename(f)));
    for (const [i, f] of a.files.entries()) {
      expect(fs.readFileSync(f).equals(fs.readFileSync(b.files[i])), path.basename(f)).toBe(true);
    }
    expect(fs.readFileSync(a.labelsFile).equals(fs.readFileSync(b.labelsFile))).toBe(true);
    expect(a.counts).toEqual(b.counts);
  });

  it('writes different data for a different seed', () => {
    for (const name of ['customer', 'deposit', 'loan', 'acq_txn', 'grid']) {
      const fa = a.files.find((f) => path.basename(f).startsWith(name + '_'))!;
      const fc = c.files.find((f) => path.basename(f).startsWith(name + '_'))!;
      expect(fs.readFileSync(fa).equals(fs.readFileSync(fc)), name).toBe(false);
    }
  });

  it('refuses a date that does not exist instead of rolling it over', async () => {
    await expect(seedTo('seed-bad-', { endDate: '2024-02-30' })).rejects.toThrow(/endDate/);
  });
});
