// An alert's rule version names the parameters that raised it (settings.ts pinRuleSettings): a run
// stores the parameters it uses as a version when none is stored or the latest one differs, and
// a 回测 stores nothing. Over api-fixture.ts's bank, June 2024: with 存款偏离度's declared defaults
// (最低月日均 1,000,000 元, 最低覆盖 0) the run raises org S11 and staff E1 (D1: 1,100,000 on
// 06-30 against an average of 1,003,333.33 → 9.63% > 3%); api.test.ts works the figures out.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import { runAndStore } from '../../../electron/core/monitoring/engine.js';
import { backtest, checkBacktest } from '../../../electron/core/monitoring/runs.js';
import { RULE_DEFS } from '../../../electron/core/monitoring/rules/index.js';
import { listRules } from '../../../electron/core/monitoring/settings.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { tempApi } from '../api/helpers.js';
import { importBank } from './api-fixture.js';

let db: Db;

beforeEach(async () => {
  const t = tempApi({ userOrg: 'H' });
  db = t.db;
  await importBank(db, t.dir);
});

const versions = (rule: string) =>
  (db.prepare('SELECT version, params, saved_by FROM monitor_rule_version WHERE rule = ? ORDER BY version').all(rule) as { version: number; params: string; saved_by: string }[]).map((r) => ({
    ...r,
    params: JSON.parse(r.params) as Record<string, number>,
  }));
const count = (sql: string) => db.prepare(sql).pluck().get() as number;
const alertVersions = () => db.prepare("SELECT DISTINCT rule_version FROM monitor_alert WHERE rule = 'deposit.deviation'").pluck().all() as number[];
const settingsAudits = () => db.prepare("SELECT username, target, detail, source FROM audit_log WHERE action = 'settings' ORDER BY rowid").all() as { username: string; target: string; detail: string; source: string }[];

describe('a run pins the parameters it uses', () => {
  it('the first run stores version 1 with the declared defaults, audited; its alerts carry it; a second run stores nothing', () => {
    expect(count('SELECT COUNT(*) FROM monitor_rule_version')).toBe(0);
    // before any run the settings screen shows the code defaults as version 0 ("默认参数")
    expect(listRules(db).find((r) => r.id === 'deposit.deviation')).toMatchObject({ version: 0, values: { min_avg: 1_000_000, min_coverage: 0 } });

    const run = runAndStore(db, '2024-06-01', '2024-06-30', 'manual');
    expect(run.findings.filter((f) => f.rule === 'deposit.deviation').map((f) => f.ruleVersion)).toEqual([1, 1]);
    // the declared defaults, copied by hand from rules/deposit/deviation.ts and merchant/self-paid
    expect(versions('deposit.deviation')).toEqual([{ version: 1, params: { min_avg: 1_000_000, min_coverage: 0 }, saved_by: 'system' }]);
    expect(versions('merchant.self_paid')).toEqual([{ version: 1, params: { min_txns: 10 }, saved_by: 'system' }]);
    // every rule is enabled by default: one version each
    expect(count('SELECT COUNT(*) FROM monitor_rule_version')).toBe(RULE_DEFS.length);
    expect(count("SELECT COUNT(*) FROM monitor_alert WHERE rule = 'deposit.deviation'")).toBe(2);
    expect(alertVersions()).toEqual([1]);
    const audits = settingsAudits();
    expect(audits).toHaveLength(RULE_DEFS.length);
    const dev = audits.find((a) => a.target === 'monitor:deposit.deviation')!;
    expect(dev).toMatchObject({ username: 'system', source: 'system' });
    expect(JSON.parse(dev.detail)).toMatchObject({ version: 1, params: { min_avg: 1_000_000, min_coverage: 0 }, reason: expect.stringContaining('启用代码默认参数') });
    expect(listRules(db).find((r) => r.id === 'deposit.deviation')).toMatchObject({ version: 1, values: { min_avg: 1_000_000, min_coverage: 0 } });

    runAndStore(db, '2024-06-01', '2024-06-30', 'manual');
    expect(count('SELECT COUNT(*) FROM monitor_rule_version')).toBe(RULE_DEFS.length);
    expect(settingsAudits()).toHaveLength(RULE_DEFS.length);
    expect(alertVersions()).toEqual([1]);
  });

  it('a saved version missing a parameter added since gets a new version holding it; one naming a dropped parameter too', () => {
    // as saved before 最低覆盖 existed: 最低月日均 900,000 元 alone. S11's and E1's average
    // 1,003,333.33 ≥ 900,000 still → the same two alerts; E3's 500,500 stays under it
    db.prepare("INSERT INTO monitor_rule_version (rule, version, params, enabled, saved_by, saved_at) VALUES ('deposit.deviation', 1, '{\"min_avg\":900000}', 1, 'admin', '2024-01-01T00:00:00Z')").run();
    const run = runAndStore(db, '2024-06-01', '2024-06-30', 'manual');
    expect(versions('deposit.deviation').map((v) => [v.version, v.params, v.saved_by])).toEqual([
      [1, { min_avg: 900_000 }, 'admin'],
      [2, { min_avg: 900_000, min_coverage: 0 }, 'system'],
    ]);
    expect(run.findings.filter((f) => f.rule === 'deposit.deviation')).toHaveLength(2);
    expect(alertVersions()).toEqual([2]);

    // a version naming a parameter the rule no longer has: the run uses the rest, stored as such
    db.prepare(
      "INSERT INTO monitor_rule_version (rule, version, params, enabled, saved_by, saved_at) VALUES ('deposit.deviation', 3, '{\"min_avg\":900000,\"min_coverage\":0,\"gone\":5}', 1, 'admin', '2024-01-02T00:00:00Z')",
    ).run();
    runAndStore(db, '2024-06-01', '2024-06-30', 'manual');
    expect(versions('deposit.deviation').slice(2).map((v) => [v.version, v.params])).toEqual([
      [3, { min_avg: 900_000, min_coverage: 0, gone: 5 }],
      [4, { min_avg: 900_000, min_coverage: 0 }],
    ]);
    expect(alertVersions()).toEqual([4]);
  });

  it('a disabled rule is not run, so not pinned', () => {
    db.prepare("INSERT INTO monitor_rule_version (rule, version, params, enabled, saved_by, saved_at) VALUES ('deposit.deviation', 1, '{\"min_avg\":900000}', 0, 'admin', '2024-01-01T00:00:00Z')").run();
    runAndStore(db, '2024-06-01', '2024-06-30', 'manual');
    expect(versions('deposit.deviation')).toHaveLength(1);
    expect(count("SELECT COUNT(*) FROM monitor_alert WHERE rule = 'deposit.deviation'")).toBe(0);
    // the 16 others: one version each
    expect(count('SELECT COUNT(*) FROM monitor_rule_version')).toBe(RULE_DEFS.length);
  });

  it('a 回测, with the parameters in force or others, stores no version and no audit row', () => {
    for (const params of [{}, { min_avg: 900_000 }]) {
      const r = backtest(db, checkBacktest(db, { rule: 'deposit.deviation', from: '2024-06-01', to: '2024-06-30', params }), wholeBankScope());
      expect(r.total).toBe(2);
    }
    expect(count('SELECT COUNT(*) FROM monitor_rule_version')).toBe(0);
    expect(settingsAudits()).toHaveLength(0);
  });
});
