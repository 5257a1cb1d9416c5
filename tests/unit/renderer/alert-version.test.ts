// The alert page's rule version: a version a run or a save stored by its number; version 0 (alerts
// raised before runs stored their parameters) as defaults not recorded, never as today's defaults.
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zh from '../../../renderer/i18n/zh-CN.js';
import en from '../../../renderer/i18n/en.js';
import { ruleVersionText } from '../../../renderer/components/monitoring/version.js';

function tIn(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en } });
  return (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}

describe('ruleVersionText', () => {
  it('names a stored version by its number, in both languages', () => {
    expect(ruleVersionText(1, tIn('zh-CN'))).toBe('版本 1');
    expect(ruleVersionText(12, tIn('en'))).toBe('version 12');
  });

  it('says version 0 is code defaults that were not recorded', () => {
    expect(ruleVersionText(0, tIn('zh-CN'))).toBe('默认参数（未记录）');
    expect(ruleVersionText(0, tIn('en'))).toBe('code defaults (not recorded)');
  });
});
