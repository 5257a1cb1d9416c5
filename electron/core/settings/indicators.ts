// The indicator settings (shared/indicator-settings.ts) in the `setting` table: the 存款偏离度
// threshold the home page and later dashboards judge the figure by. Unset means DATA.md's default.
import { DEFAULT_DEVIATION_THRESHOLD, IndicatorSettingsSchema, type IndicatorSettings, type IndicatorSettingsView } from '../../../shared/indicator-settings.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';

export const DEVIATION_THRESHOLD_KEY = 'indicators.deviation_threshold';

export function indicatorSettings(db: Db): IndicatorSettingsView {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(DEVIATION_THRESHOLD_KEY) as string | undefined;
  if (raw === undefined) return { deviationThreshold: DEFAULT_DEVIATION_THRESHOLD };
  const r = IndicatorSettingsSchema.safeParse({ deviationThreshold: raw.trim() === '' ? NaN : Number(raw) });
  if (r.success) return r.data;
  // written outside the console (a hand edit, a newer version): the default is in force, and said
  // so, and the saved text stays for the administrator to see and replace
  return {
    deviationThreshold: DEFAULT_DEVIATION_THRESHOLD,
    problem: `保存的偏离度阈值“${raw.slice(0, 40)}”无法使用，暂按默认 ${DEFAULT_DEVIATION_THRESHOLD * 100}% 判断，请重新保存。 (The saved deviation threshold cannot be used; the default is in force until it is saved again.)`,
  };
}

/** Validates and saves, with its audit row in the same transaction. */
export function saveIndicatorSettings(db: Db, body: unknown, username: string): IndicatorSettingsView {
  const r = IndicatorSettingsSchema.safeParse(body);
  if (!r.success) throw new UserInputError(r.error.issues.map((i) => i.message).join('；'), 'bad_setting');
  const s: IndicatorSettings = r.data;
  db.transaction(() => {
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DEVIATION_THRESHOLD_KEY, String(s.deviationThreshold));
    auditInTransaction(db, { username, action: 'settings', target: 'indicators', detail: s });
  })();
  return indicatorSettings(db);
}
