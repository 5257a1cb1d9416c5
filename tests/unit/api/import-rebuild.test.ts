// Over the real routes: a rebuild of the customer views that fails after a commit shows in the
// job the UI polls (GET /api/import/jobs/:id), and its retry is what finally builds them.
import { describe, expect, it, vi } from 'vitest';
import type { ImportJob } from '../../../shared/api.js';
import { apiIdle } from '../../../electron/core/api/index.js';
import { tempApi } from './helpers.js';

const warm = vi.hoisted(() => ({ failures: 0, calls: 0 }));
vi.mock('../../../electron/core/crm/warm.js', async (original) => {
  const real = await original<typeof import('../../../electron/core/crm/warm.js')>();
  return {
    ...real,
    warmCustomerViews: (db: Parameters<typeof real.warmCustomerViews>[0]) => {
      warm.calls++;
      if (warm.failures-- > 0) throw new Error('database disk image is malformed');
      real.warmCustomerViews(db);
    },
  };
});

const ORG_CSV = '机构号,机构名称,上级机构号,机构层级\n900,总行营业部,,总行\n';

describe('rebuild after an import, over the API', () => {
  it('a failed first rebuild is reported in the job, logged, and retried until it succeeds', async () => {
    const api = tempApi();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    warm.failures = 1;
    warm.calls = 0;
    const fd = new FormData();
    fd.append('file', new Blob([ORG_CSV], { type: 'text/csv' }), 'org.csv');
    const up = await api.app.fetch(new Request('http://localhost/api/import/upload', { method: 'POST', headers: api.auth('branch_manager'), body: fd }));
    const { uploadId } = (await up.json()) as { uploadId: string };
    const headers = { ...api.auth('branch_manager'), 'content-type': 'application/json' };
    const { jobId } = (await (await api.app.request('/api/import/commit', { method: 'POST', headers, body: JSON.stringify({ uploadId }) })).json()) as { jobId: string };
    await apiIdle(api.app);
    const job = (await (await api.app.request(`/api/import/jobs/${jobId}`, { headers: api.auth('branch_manager') })).json()) as ImportJob;
    expect(job.state).toBe('done');
    expect(job.rebuild).toEqual({ state: 'done', attempts: 2 });
    expect(warm.calls).toBe(2);
    expect(log.mock.calls.some((c) => String(c[0]).includes('rebuild'))).toBe(true);
    log.mockRestore();
  });
});
