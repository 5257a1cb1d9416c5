// merchant.self_paid with card payers, through the importer: a merchant's 法人 pays it with their
// own 借记卡, named in the 收单 file by the export's token (SHA-256 of the card number, first 16 hex
// digits, upper case — worked out here with node:crypto, not with the code under test). The card
// file is imported for real, so the keyed token is the one the importer stores.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import { KEY_FILE } from '../../../electron/core/import/card-key.js';
import { importFile } from '../../../electron/core/import/index.js';
import { selfPaid } from '../../../electron/core/monitoring/rules/merchant/self-paid.js';
import { CUSTOMER_CSV, newDb, ORG_CSV, STAFF_CSV, write } from '../import/helpers.js';
import { JULY, run } from './rules-b-fixture.js';

const OWNER_CARD = '6228480402564890018'; // C001's
const OTHER_CARD = '6250946000000016'; // C002's
const token = (no: string) => crypto.createHash('sha256').update(no).digest('hex').slice(0, 16).toUpperCase();

let db: Db;
let dir: string;
beforeAll(async () => {
  ({ db, dir } = newDb());
  const files: [string, string][] = [
    ['org.csv', ORG_CSV],
    ['staff.csv', STAFF_CSV],
    ['customer.csv', CUSTOMER_CSV],
    ['card.csv', `卡号,客户号,卡种,发卡日期,卡状态\n${OWNER_CARD},C001,借记卡,2024-01-01,正常\n${OTHER_CARD},C002,借记卡,2024-01-01,销卡\n`],
    // MA's 法人 is C001; MB's is C003 (a decoy: paid by C002's card, who owns nothing of MB)
    ['merchant.csv', `商户号,商户名称,法人客户号,签约日期,状态,拓展客户经理号,所属机构号\nMA,甲商店,C001,2023-01-01,正常,S001,QZ101\nMB,乙商店,C003,2023-01-01,正常,S001,QZ101\n`],
  ];
  // MA: 3 payments by C001's card (run at a floor of 3; the default, 10, leaves it) and 2 by strangers; MB: 4 by C002's card
  const txns = [
    ['T1', 'MA', '2024-07-02 10:00:00', '100.00', token(OWNER_CARD)],
    ['T2', 'MA', '2024-07-09 10:00:00', '200.00', token(OWNER_CARD)],
    ['T3', 'MA', '2024-07-16 10:00:00', '300.00', token(OWNER_CARD)],
    ['T4', 'MA', '2024-07-17 10:00:00', '50.00', 'FFFFFFFFFFFFFFF1'],
    ['T5', 'MA', '2024-07-18 10:00:00', '50.00', 'FFFFFFFFFFFFFFF2'],
    ...[1, 2, 3, 4].map((k) => [`T1${k}`, 'MB', `2024-07-0${k} 11:00:00`, '80.00', token(OTHER_CARD)]),
  ];
  files.push(['acq_txn.csv', `交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\n${txns.map((t) => [...t, '消费'].join(',')).join('\n')}\n`]);
  for (const [name, text] of files) {
    const r = await importFile(db, write(dir, name, text));
    expect(r.error, name).toBeUndefined();
  }
});
afterAll(() => db.close());

describe('merchant.self_paid: card payers', () => {
  it("stores a card's export token only under the card key, never in the clear", () => {
    const key = Buffer.from(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim(), 'hex');
    const keyed = crypto.createHmac('sha256', key).update(token(OWNER_CARD)).digest('base64url').slice(0, 32);
    expect(db.prepare("SELECT payer_key FROM card WHERE cust_id = 'C001'").pluck().get()).toBe(keyed);
    // the plain token of a card sits only in the 收单 rows (as the export gives it), not on the card
    const cardText = JSON.stringify(db.prepare('SELECT * FROM card').all());
    expect(cardText.includes(token(OWNER_CARD))).toBe(false);
    expect(cardText.includes(token(OTHER_CARD))).toBe(false);
  });

  it("catches MA, paid three times by its owner's card, and leaves MB, paid by a card that is not its owner's", () => {
    const f = run(selfPaid, db, JULY, { min_txns: 3 });
    expect(f.map((x) => x.subject.id)).toEqual(['MA']);
    // 100 + 200 + 300 = 600 元 of 700 元 → 85.7%
    expect(f[0].summary).toContain('有 3 笔共 600.00 元（占交易金额 85.7%）由法人本人账户或银行卡支付');
    const who = f[0].evidence.filter((e) => e.kind === 'customer').map((e) => [e.id, e.fields.身份, e.fields.付款方标识]);
    expect(who).toEqual([['C001', '法人', token(OWNER_CARD)]]);
    expect(String(f[0].evidence.find((e) => e.kind === 'customer')!.fields.识别依据)).toContain('622848*********0018');
  });

  it('the floor holds for card payers too: at 4, and at the default 10, MA is out', () => {
    expect(run(selfPaid, db, JULY, { min_txns: 4 })).toEqual([]);
    expect(run(selfPaid, db, JULY)).toEqual([]);
  });
});
