import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSearchIndex, nameInitials, searchCustomers } from '../../../../electron/core/crm/search.js';
import { DATE, OLD_DATE, tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let t: ReturnType<typeof tempBank>;
beforeAll(() => {
  t = tempBank();
});
afterAll(() => t.close());

const ids = (q: string, opts = {}) => searchCustomers(t.db, q, ALL, opts).matches.map((m) => m.custId);

describe('index', () => {
  it('reads pinyin initials, surnames as surnames', () => {
    expect(nameInitials('张秀英')).toBe('zxy');
    expect(nameInitials('曾小明')).toBe('zxm');
    expect(nameInitials('单田芳')).toBe('stf');
    expect(nameInitials('解放')).toBe('xf');
    expect(nameInitials('欧阳小明')).toBe('oyxm');
  });

  it('stores name, initials, phone, last 6 of the ID and the card tails', () => {
    ensureSearchIndex(t.db);
    const row = (id: string) => t.db.prepare('SELECT name, initials, phone, id_tail, card_tails FROM customer_search WHERE cust_id = ?').get(id);
    expect(row('6200000004')).toEqual({ name: '曾小明', initials: 'zxm', phone: '13800000004', id_tail: '014567', card_tails: expect.any(String) });
    expect((row('6200000004') as { card_tails: string }).card_tails.split(' ').sort()).toEqual(['4321', '8888']);
    expect(row('6200000002')).toMatchObject({ id_tail: '01223X', card_tails: null });
    expect(row('6200000007')).toMatchObject({ phone: null, id_tail: null });
    const tails = t.db.prepare("SELECT rkey, kind FROM customer_search_tail WHERE cust_id = '6200000004' ORDER BY kind, rkey").all();
    expect(tails).toEqual([
      { rkey: '1234', kind: 'card_tail' }, // 4321 reversed
      { rkey: '8888', kind: 'card_tail' },
      { rkey: '765410', kind: 'id_tail' }, // 014567 reversed
      { rkey: '40000000831', kind: 'phone' },
    ]);
  });

  it('rebuilds only when the data version moves', () => {
    expect(ensureSearchIndex(t.db)).toBe(false);
    t.db.prepare("INSERT INTO setting (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
    t.db.prepare("UPDATE derived_state SET data_version = 1 WHERE name LIKE 'holding:%'").run();
    t.db.prepare("UPDATE customer SET phone = '13900000001' WHERE cust_id = '6200000001'").run();
    expect(ensureSearchIndex(t.db)).toBe(true);
    expect(ids('13900000001')).toEqual(['6200000001']);
    t.db.prepare("UPDATE customer SET phone = '13800000001' WHERE cust_id = '6200000001'").run();
    t.db.prepare("UPDATE setting SET value = '2' WHERE key = 'data_version'").run();
    t.db.prepare("UPDATE derived_state SET data_version = 2 WHERE name LIKE 'holding:%'").run();
    expect(ensureSearchIndex(t.db)).toBe(true);
  });
});

describe('search', () => {
  it('finds a phone exactly, and says when a phone is nobody’s', () => {
    const r = searchCustomers(t.db, '13800000001', ALL);
    expect(r.matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000001', 'phone']]);
    expect(r.notCustomer).toBeUndefined();
    expect(r.date).toBe(DATE);
    expect(searchCustomers(t.db, '138 0000 0001', ALL).matches.map((m) => m.custId)).toEqual(['6200000001']);
    const none = searchCustomers(t.db, '13999999999', ALL);
    expect(none.matches).toEqual([]);
    expect(none.notCustomer).toBe(true);
  });

  it('shows the masked name, star, coverage, org and manager of the date', () => {
    const [m] = searchCustomers(t.db, '13800000001', ALL).matches;
    expect(m).toEqual({
      custId: '6200000001', name: '张*英', star: 3, coverage: 4, orgId: 'S11', orgName: '东一分理处',
      managerId: 'M2', managerName: '李经理', matchedOn: 'phone',
    });
    const [old] = searchCustomers(t.db, '13800000001', ALL, { date: OLD_DATE }).matches;
    expect([old.star, old.coverage]).toEqual([1, 1]);
    expect(searchCustomers(t.db, '6200000005', ALL).matches[0].name).toBe('泉州****有限公司');
    expect(searchCustomers(t.db, '6200000005', ALL, { reveal: true }).matches[0].name).toBe('泉州鑫达贸易有限公司');
  });

  it('ranks exact name before prefix before contains, ties by star then number', () => {
    // exact 张秀英: …02 (5★), …01 (3★); then the prefix 张秀英华 (5★) even though its star is higher
    expect(ids('张秀英')).toEqual(['6200000002', '6200000001', '6200000013']);
    // prefixes only: 5★ …02 and …13 by number, then 3★, then 1★
    expect(ids('张秀')).toEqual(['6200000002', '6200000013', '6200000001', '6200000007']);
    // contains only (not at the start): 李秀英 and the others by star
    expect(ids('秀英')).toEqual(['6200000002', '6200000013', '6200000008', '6200000001']);
    // prefix 张… (1★ included) all come before the contains matches (2★)
    expect(ids('张')).toEqual(['6200000002', '6200000013', '6200000001', '6200000003', '6200000007', '6200000006', 'KH00000011']);
    expect(ids('张', { limit: 3 })).toEqual(['6200000002', '6200000013', '6200000001']);
  });

  it('finds by pinyin initials: zxy → 张秀英', () => {
    // exact initials zxy (张秀英 ×2, 张晓燕) before the prefix zxyh (张秀英华)
    expect(ids('zxy')).toEqual(['6200000002', '6200000001', '6200000003', '6200000013']);
    expect(ids('ZXY')).toEqual(ids('zxy'));
    expect(ids('zx')).toEqual(['6200000002', '6200000013', '6200000001', '6200000004', '6200000003', '6200000007']);
    expect(searchCustomers(t.db, 'stf', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000012', 'initials']]);
  });

  it('finds by the end of an ID number', () => {
    expect(searchCustomers(t.db, '011234', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000001', 'id_tail']]);
    expect(ids('350502199001011234')).toEqual(['6200000001']);
    expect(ids('223x')).toEqual(['6200000002']);
    // 4 digits: …01's 身份证 ends in 1234 (no phone or card does)
    expect(searchCustomers(t.db, '1234', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000001', 'id_tail']]);
    expect(ids('01223X')).toEqual(['6200000002']);
  });

  it('finds by card tail and phone tail', () => {
    expect(searchCustomers(t.db, '4321', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([
      ['6200000001', 'card_tail'],
      ['6200000004', 'card_tail'],
    ]);
    expect(searchCustomers(t.db, '8888', ALL).matches.map((m) => m.custId)).toEqual(['6200000004']);
    expect(searchCustomers(t.db, '0004', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000004', 'phone']]);
    // longer phone tails; the +86 of …09 does not get in the way
    expect(searchCustomers(t.db, '00013', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000013', 'phone']]);
    expect(searchCustomers(t.db, '800000009', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000009', 'phone']]);
  });

  it('finds by customer number, exactly or by its start', () => {
    expect(searchCustomers(t.db, '6200000005', ALL).matches.map((m) => [m.custId, m.matchedOn])).toEqual([['6200000005', 'cust_id']]);
    expect(ids('620000001')).toEqual(['6200000013', '6200000012', '6200000010']);
    expect(ids('KH00000011')).toEqual(['KH00000011']);
    expect(ids('kh')).toEqual(['KH00000011']);
  });

  it('returns hostile names as plain text', () => {
    const name = (id: string) => searchCustomers(t.db, id, ALL, { reveal: true }).matches[0].name;
    expect(name('6200000009')).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(name('6200000010')).toBe('<img src=x onerror=alert(1)>');
    expect(name('KH00000011')).toBe('O\'Brien "张"');
    const masked = searchCustomers(t.db, '点我', ALL).matches;
    expect(masked.map((m) => m.custId)).toEqual(['6200000009']);
    const hostile = '=HYPERLINK("http://evil.example","点我")';
    expect(masked[0].name).toBe('=' + '*'.repeat(hostile.length - 2) + ')');
    // quotes and SQL-looking text are data, never syntax
    expect(ids("' OR 1=1 --")).toEqual([]);
    expect(ids('%')).toEqual([]);
  });

  it('answers an empty query with nothing', () => {
    expect(searchCustomers(t.db, '   ', ALL)).toEqual({ query: '   ', date: null, matches: [] });
  });
});
