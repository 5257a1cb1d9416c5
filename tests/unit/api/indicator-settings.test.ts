// The 存款偏离度 threshold is a setting the core holds (it used to be a constant in the renderer):
// DATA.md's 3% until an administrator saves another, validated, audited, readable by every reader
// of figures and writable only with settings:write.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/index.js';
import { DEVIATION_THRESHOLD_KEY } from '../../../electron/core/settings/indicators.js';
import { tempApi } from './helpers.js';

const put = (body: unknown, headers: Record<string, string>) => ({ method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('GET/PUT /api/settings/indicators', () => {
  it('answers DATA.md’s 3% until one is saved, then the saved one, to every role', async () => {
    const t = tempApi({ headOffice: true });
    const get = async (role: Parameters<typeof t.auth>[0]) => (await t.app.request('/api/settings/indicators', { headers: t.auth(role) })).json();
    expect(await get('lobby_manager')).toEqual({ deviationThreshold: 0.03 });
    const res = await t.app.request('/api/settings/indicators', put({ deviationThreshold: 0.04 }, t.auth('admin')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deviationThreshold: 0.04 });
    for (const role of ['admin', 'lobby_manager', 'account_manager'] as const) expect(await get(role)).toEqual({ deviationThreshold: 0.04 });
    const row = listAudit(t.db).items.find((r) => r.action === 'settings');
    expect(row?.target).toBe('indicators');
    expect(JSON.parse(row!.detail!)).toEqual({ deviationThreshold: 0.04 });
  });

  it('refuses a writer without settings:write, and values that are not a threshold, changing nothing', async () => {
    const t = tempApi({ headOffice: true });
    expect((await t.app.request('/api/settings/indicators', put({ deviationThreshold: 0.05 }, t.auth('branch_manager')))).status).toBe(403);
    const bad: [unknown, RegExp][] = [
      [{ deviationThreshold: 0 }, /应大于 0/],
      [{ deviationThreshold: -0.03 }, /应大于 0/],
      [{ deviationThreshold: 0.25 }, /不能超过 20%/],
      [{ deviationThreshold: 0.03333 }, /最多精确到 0.01%/], // five decimals
      [{ deviationThreshold: '3%' }, /应为数字/],
      [{ deviationThreshold: 0.03, extra: 1 }, /./],
      [{}, /应为数字/],
    ];
    for (const [body, msg] of bad) {
      const res = await t.app.request('/api/settings/indicators', put(body, t.auth('admin')));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(msg);
    }
    // 3.5% in whole hundredths of a percent is fine
    expect(await (await t.app.request('/api/settings/indicators', put({ deviationThreshold: 0.035 }, t.auth('admin')))).json()).toEqual({ deviationThreshold: 0.035 });
    expect(listAudit(t.db).items.filter((r) => r.action === 'settings')).toHaveLength(1);
  });

  it('says so when the saved value cannot be used, instead of judging by it', async () => {
    const t = tempApi({ headOffice: true });
    t.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(DEVIATION_THRESHOLD_KEY, '3%');
    const v = (await (await t.app.request('/api/settings/indicators', { headers: t.auth('admin') })).json()) as { deviationThreshold: number; problem?: string };
    expect(v.deviationThreshold).toBe(0.03);
    expect(v.problem).toMatch(/保存的偏离度阈值“3%”无法使用/);
    // the saved text is kept for the administrator to see and replace
    expect(t.db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(DEVIATION_THRESHOLD_KEY)).toBe('3%');
  });
});
