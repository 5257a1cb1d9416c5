import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/api.js';
import { progressBars } from '../../../renderer/importProgress.js';

const files = [
  { path: 'exp/org.csv', size: 100 },
  { path: 'exp/loan.csv', size: 300 },
  { path: 'exp/deposit.csv', size: 600 },
];
const result = (file: string) => ({
  file, dataset: null, batchId: 1, rows: 1, imported: 1, inserted: 1, replaced: 0, unchanged: 0, rejected: 0, warnings: 0,
});
const job = (over: Partial<ImportJob>): ImportJob => ({
  id: 'j', state: 'running', fileIndex: 0, fileCount: 3, currentFile: null, bytesDone: 0, bytesTotal: 1000, results: [], ...over,
});

describe('import progress bars', () => {
  it('reads job-wide byte counts', () => {
    // org done (100 B), loan half read: 100 + 150 = 250 of 1000 bytes
    const p = progressBars(job({ fileIndex: 1, currentFile: 'exp/loan.csv', bytesDone: 250, results: [result('exp/org.csv')] }), files);
    expect(p.files.map((f) => [f.state, f.percent])).toEqual([['done', 100], ['running', 50], ['pending', 0]]);
    expect(p.overall).toBe(25);
  });

  it('reads per-file byte counts when bytesTotal is the current file', () => {
    // the server may name files without their folder
    const p = progressBars(
      job({ fileIndex: 2, currentFile: 'deposit.csv', bytesDone: 150, bytesTotal: 600, results: [result('org.csv'), result('loan.csv')] }),
      files,
    );
    expect(p.files[2]).toEqual({ file: 'exp/deposit.csv', state: 'running', percent: 25 });
    // (100 + 300 + 150) / 1000
    expect(p.overall).toBe(55);
  });

  it('ends at 100% when done and marks a failed file', () => {
    const failed = { ...result('exp/loan.csv'), error: 'cannot read' };
    const p = progressBars(job({ state: 'done', results: [result('exp/org.csv'), failed, result('exp/deposit.csv')] }), files);
    expect(p.overall).toBe(100);
    expect(p.files.map((f) => f.state)).toEqual(['done', 'error', 'done']);
  });
});
