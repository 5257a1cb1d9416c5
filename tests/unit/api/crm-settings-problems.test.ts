// GET /api/settings/crm/problems: a saved crm setting that no longer validates is reported to the
// administrator (setting, reason, saved text) while the defaults stand in, and the saved value
// stays for repair. Before issue 8 the fallback was silent.
import { expect, it } from 'vitest';
import type { CrmSettingProblem } from '../../../shared/crm.js';
import { tempApi } from './helpers.js';

it('lists a saved setting that no longer validates, to those who may change settings', async () => {
  const api = tempApi({ headOffice: true });
  const get = (role: 'admin' | 'lobby_manager') => api.app.request('/api/settings/crm/problems', { headers: api.auth(role) });
  expect(await (await get('admin')).json()).toEqual([]);

  const saved = '{"not":"a list"}';
  api.db.prepare("INSERT INTO setting (key, value) VALUES ('crm.rules', ?)").run(saved);
  const res = await get('admin');
  expect(res.status).toBe(200);
  const problems = (await res.json()) as CrmSettingProblem[];
  expect(problems).toEqual([{ setting: 'rules', error: '推荐规则须为列表', saved }]);
  // the rules in use are the defaults, and the saved text is untouched
  expect(Array.isArray(await (await api.app.request('/api/settings/crm/rules', { headers: api.auth('admin') })).json())).toBe(true);
  expect(api.db.prepare("SELECT value FROM setting WHERE key = 'crm.rules'").pluck().get()).toBe(saved);

  // a user who cannot change settings is not shown the saved text
  expect((await get('lobby_manager')).status).toBe(403);
});
