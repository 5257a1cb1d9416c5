// The rebuild of the customer views after an import (holdings, search index) used to be fired and
// forgotten: `.catch(() => undefined)` dropped its failure. Now the job reports it, the server
// logs it, and it is tried again (delays 0 here: the test waits on idle(), not on time).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportFileResult } from '../../../shared/api.js';
import { ImportJobs, type JobFile } from '../../../electron/core/api/jobs.js';

const FILE: JobFile = { file: 'org.csv', path: '/nowhere/org.csv', size: 10, dataset: 'org' };
const ok = async (f: JobFile): Promise<ImportFileResult> => ({
  file: f.file, dataset: 'org', batchId: 1, rows: 1, imported: 1, inserted: 1, replaced: 0, unchanged: 0, rejected: 0, warnings: 0,
});

afterEach(() => vi.restoreAllMocks());

describe('import jobs: the rebuild after an import', () => {
  it('is tried again after a failure, and the job says it succeeded on the second attempt', async () => {
    const jobs = new ImportJobs([0, 0]);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const job = jobs.start([FILE], ok, {
      rebuild: async () => {
        if (++calls === 1) throw new Error('database is locked');
      },
    });
    await jobs.idle();
    expect(calls).toBe(2);
    expect(jobs.get(job.id)).toMatchObject({ state: 'done', rebuild: { state: 'done', attempts: 2 } });
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/rebuild.*attempt 1 of 3/);
  });

  it('gives up after three attempts: the job carries the failure and its message, the server logs each', async () => {
    const jobs = new ImportJobs([0, 0]);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const job = jobs.start([FILE], ok, {
      rebuild: async () => {
        throw new Error('disk I/O error');
      },
    });
    await jobs.idle();
    const j = jobs.get(job.id)!;
    expect(j.state).toBe('done'); // the files went in: the import itself stands
    expect(j.rebuild).toEqual({ state: 'failed', attempts: 3, error: 'disk I/O error' });
    expect(log).toHaveBeenCalledTimes(3);
  });

  it('waits its turn behind other writers and lets them go between attempts', async () => {
    const jobs = new ImportJobs([0, 0]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const order: string[] = [];
    let calls = 0;
    jobs.start([FILE], ok, {
      rebuild: async () => {
        order.push(`rebuild ${++calls}`);
        if (calls === 1) {
          // a writer arriving while the first attempt runs goes before the second attempt
          void jobs.exclusive(() => order.push('undo'));
          throw new Error('busy');
        }
      },
    });
    await jobs.idle();
    expect(order).toEqual(['rebuild 1', 'undo', 'rebuild 2']);
  });
});
