// The English UI is complete: every zh-CN message has an English one, no English message carries
// Chinese (except the few that quote data on purpose), and every built-in Chinese value the
// screens show (enum values of the data contract, the 18 items, groups, default reasons) has an
// English label.
import { describe, expect, it } from 'vitest';
import zh from '../../../renderer/i18n/zh-CN.js';
import en from '../../../renderer/i18n/en.js';
import { DATASETS } from '../../../shared/datasets.js';
import { DEFAULT_ITEMS, ITEM_GROUPS } from '../../../shared/crm.js';
import { DEFAULT_RULES } from '../../../electron/core/crm/catalog-rules.js';
import { enumLabel, groupLabel, itemLabel, listLabel, reasonLabel } from '../../../shared/enum-labels.js';
import { ROLES, ROLE_LABELS } from '../../../shared/permissions.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

// English messages that quote Chinese data on purpose: examples of what the user types, in the
// bank's own words: a branch name in an export purpose, and a stored enum label (正常) as the
// target of a value code in a mapping profile.
const QUOTES_DATA = new Set(['crm.gaps.exportDialog.purposePlaceholder', 'mapping.valuesPlaceholder']);

describe('English messages', () => {
  const z = leaves(zh);
  const e = leaves(en);

  it('has every key of zh-CN and no other', () => {
    expect([...z.keys()].filter((k) => !e.has(k))).toEqual([]);
    expect([...e.keys()].filter((k) => !z.has(k))).toEqual([]);
  });

  it('carries no Chinese outside the listed data quotes', () => {
    const offenders = [...e].filter(([k, v]) => CJK.test(v) && !QUOTES_DATA.has(k)).map(([k, v]) => `${k}: ${v}`);
    expect(offenders).toEqual([]);
  });

  it('keeps the placeholders of each message', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = [...z].filter(([k, v]) => e.has(k) && names(v).join() !== names(e.get(k)!).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('a label that is not empty in Chinese is not empty in English, except units English leaves out', () => {
    const UNITLESS = new Set(['common.households', 'common.count']); // 户, 个 after a number
    const empty = [...z].filter(([k, v]) => v !== '' && e.get(k) === '' && !UNITLESS.has(k)).map(([k]) => k);
    expect(empty).toEqual([]);
  });
});

describe('built-in values in English', () => {
  it('every enum value of every dataset column', () => {
    const missing: string[] = [];
    for (const d of DATASETS) {
      for (const c of d.columns) {
        if (c.type === 'enum') for (const v of c.values ?? []) if (CJK.test(enumLabel(v.label, 'en', c.key))) missing.push(`${d.id}.${c.key}: ${v.label}`);
        if (c.type === 'bool') for (const v of ['是', '否']) if (CJK.test(enumLabel(v, 'en', c.key))) missing.push(`${d.id}.${c.key}: ${v}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the 18 items, their groups and the default reasons; roles', () => {
    for (const it of DEFAULT_ITEMS) expect(itemLabel(it, 'en'), it.name).not.toMatch(CJK);
    for (const g of ITEM_GROUPS) expect(groupLabel(g, 'en'), g).not.toMatch(CJK);
    for (const r of DEFAULT_RULES) expect(reasonLabel(r.reason, 'en'), r.reason).not.toMatch(CJK);
    for (const r of ROLES) expect(ROLE_LABELS[r].en).not.toMatch(CJK);
  });

  it('the same word may read differently by column: 正常 is a normal account but a "Pass" loan', () => {
    expect(enumLabel('正常', 'en', 'status')).toBe('Normal');
    expect(enumLabel('正常', 'en', 'class5')).toBe('Pass');
  });

  it('Chinese stays as it is; an unknown value is shown, not guessed', () => {
    expect(enumLabel('活期', 'zh-CN')).toBe('活期');
    expect(enumLabel('新种类', 'en')).toBe('新种类');
    expect(enumLabel(null, 'en')).toBe('—');
  });

  it("a renamed item keeps the administrator's name; a default one is translated", () => {
    expect(itemLabel({ id: 10, name: '手机银行' }, 'en')).toBe('Mobile banking');
    expect(itemLabel({ id: 10, name: '掌上银行' }, 'en')).toBe('掌上银行');
    // the default name of another id is not this item's default
    expect(itemLabel({ id: 11, name: '手机银行' }, 'en')).toBe('手机银行');
    expect(itemLabel({ id: 10, name: '手机银行' }, 'zh-CN')).toBe('手机银行');
  });

  it('a visit\'s product list names items and signing types, ; separated', () => {
    expect(listLabel('水费代扣;手机银行', 'en')).toBe('Water bill debit; Mobile banking');
    expect(listLabel('社保/医保代缴；代理保险', 'en')).toBe('Social/medical ins.; Insurance agency');
    expect(listLabel('水费代扣;手机银行', 'zh-CN')).toBe('水费代扣;手机银行');
  });
});
