// What the customer routes answer when the core throws: a UserInputError (a refusal meant for the
// user) is a 400 with its sentence; any other error is a bug, answered 500 without its message
// (which may hold SQL or paths) and logged. Before issue 8 the routes turned every plain Error
// into a 400 showing its message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserInputError } from '../../../electron/core/errors.js';
import { tempApi } from './helpers.js';

// The coverage table is made to fail as the test says: a module mock, so the route and the
// error handling around it are the real ones.
const failure = vi.hoisted(() => ({ next: null as Error | null }));
vi.mock('../../../electron/core/crm/coverage.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/crm/coverage.js')>();
  return {
    ...real,
    coverageTable: (...args: Parameters<typeof real.coverageTable>) => {
      if (failure.next) throw failure.next;
      return real.coverageTable(...args);
    },
  };
});

afterEach(() => {
  failure.next = null;
  vi.restoreAllMocks();
});

describe('errors from the core through the customer routes', () => {
  it('a plain Error is a 500 without internals, and is logged', async () => {
    const api = tempApi({ headOffice: true });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failure.next = new Error('no such column: h.secret in /home/bank/branch-console.db');
    const res = await api.app.request('/api/coverage?by=branch', { headers: api.auth('admin') });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; code: string };
    expect(body.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/secret|branch-console\.db|no such column/);
    // the log carries the error itself, for whoever reads the server's output
    expect(logged.mock.calls.some((args) => args.includes(failure.next))).toBe(true);
  });

  it('a UserInputError from the core is a 400 with its sentence and code', async () => {
    const api = tempApi({ headOffice: true });
    failure.next = new UserInputError('机构筛选有误：请重新选择 (bad org)', 'bad_org');
    const res = await api.app.request('/api/coverage?by=branch', { headers: api.auth('admin') });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: '机构筛选有误：请重新选择 (bad org)', code: 'bad_org' });
  });

  it('a bad gap filter (the real core check) is a 400 naming the value', async () => {
    const api = tempApi({ headOffice: true });
    const res = await api.app.request('/api/gaps?sort=bogus', { headers: api.auth('admin') });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; code: string };
    expect(body.code).toBe('bad_filter');
    expect(body.error).toMatch(/排序/);
  });

  it('an empty bank is still a 409 saying why, not a 400 or a 500', async () => {
    const api = tempApi({ headOffice: true });
    const res = await api.app.request('/api/coverage?by=branch', { headers: api.auth('admin') });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('no_data');
  });
});
