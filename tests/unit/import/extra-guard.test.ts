// Columns an import keeps aside ("extra") must not put clear personal numbers in the database:
// the detection on its own, then a real file imported into a real SQLite file whose bytes are
// searched for the numbers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { luhnOk, maskPersonalNumbers, personalNumberKind } from '../../../electron/core/import/extra-guard.js';
import { importFile } from '../../../electron/core/import/index.js';
import { newDb, ORG_CSV, STAFF_CSV, write } from './helpers.js';

// Card numbers: 4111111111111111 and 6250946000000016 are the published Visa and UnionPay test
// numbers (Luhn-valid). 6228480402564890018 (19 digits): doubling every second digit from the
// right gives 6 4 2 7 4 7 0 8 0 4 5 3 4 7 9 0 0 2 8, sum 80, a multiple of 10.
// 6222021234567891: the same doubling sums to 71, so it is not a card number.
const CARD16 = '4111111111111111';
const CARD_UP = '6250946000000016';
const CARD19 = '6228480402564890018';
const NOT_CARD = '6222021234567891';
// 11010519491231002X: the worked example of GB 11643 (check digit X). …0021 has a wrong check
// digit, but its birth date 1949-12-31 is real: still somebody's ID number.
const ID_X = '11010519491231002X';
const ID_TYPO = '110105194912310021';
const PHONE = '13712345601'; // not 13800000001: a schema comment of the search index quotes that one

describe('personal numbers in free text', () => {
  it('recognises card numbers by length and Luhn, ID numbers by shape, mobiles by 1 and 11 digits', () => {
    expect(luhnOk(CARD16)).toBe(true);
    expect(luhnOk(NOT_CARD)).toBe(false);
    expect([CARD16, CARD_UP, CARD19].map(personalNumberKind)).toEqual(['card_no', 'card_no', 'card_no']);
    expect([ID_X, ID_TYPO].map(personalNumberKind)).toEqual(['id_no', 'id_no']);
    expect(personalNumberKind(PHONE)).toBe('phone');
    // 12 digits starting with 1, an 18-digit number with no birth date (…00000000…), a Luhn failure
    expect(['138000000012', '622848000000000000', NOT_CARD].map(personalNumberKind)).toEqual([null, null, null]);
  });

  it('masks each number where it stands and leaves the rest as written', () => {
    expect(maskPersonalNumbers(CARD19)).toBe('622848*********0018'); // first 6, 9 stars, last 4
    expect(maskPersonalNumbers('6250 9460 0000 0016')).toBe('625094******0016');
    expect(maskPersonalNumbers(ID_X)).toBe('110105********002X');
    expect(maskPersonalNumbers(`联系人张三 ${PHONE}，备用 138-0000-0002`)).toBe('联系人张三 137****5601，备用 138****0002');
    // a date beside a phone number: the date is kept, the phone masked
    expect(maskPersonalNumbers('2024-07-31 13800000003')).toBe('2024-07-31 138****0003');
    expect(maskPersonalNumbers('+86 138 0000 0004')).toBe('+861******0004');
    for (const keep of ['10000.50', '2024-07-31', 'A0012345', NOT_CARD, '']) expect(maskPersonalNumbers(keep)).toBe(keep);
  });
});

describe('an import with personal numbers in columns no dataset knows', () => {
  it('stores them masked: the database file holds none of the clear numbers', async () => {
    const { db, dir, file } = newDb();
    for (const [n, t] of [['org.csv', ORG_CSV], ['staff.csv', STAFF_CSV]]) expect((await importFile(db, write(dir, n, t))).error).toBeUndefined();
    const csv =
      '客户号,客户名称,所属机构号,备用卡号,配偶证件号码,紧急联系电话,备注,开户渠道\n' +
      `C001,张秀英,QZ101,${CARD19},${ID_X},${PHONE},"另有卡 ${CARD16}",柜面\n` +
      `C002,林小明,QZ100,${CARD_UP},${ID_TYPO},+86 139 0000 0002,无,${NOT_CARD}\n`;
    const r = await importFile(db, write(dir, 'customer.csv', csv));
    expect(r).toMatchObject({ dataset: 'customer', imported: 2, rejected: 0 });

    const extra = (id: string) => JSON.parse(db.prepare('SELECT extra FROM customer WHERE cust_id = ?').pluck().get(id) as string);
    expect(extra('C001')).toEqual({
      备用卡号: '622848*********0018',
      配偶证件号码: '110105********002X',
      紧急联系电话: '137****5601',
      备注: '另有卡 411111******1111',
      开户渠道: '柜面',
    });
    // a number that is none of the three stays as written
    expect(extra('C002')).toMatchObject({ 备用卡号: '625094******0016', 配偶证件号码: '110105********0021', 紧急联系电话: '+861******0002', 开户渠道: NOT_CARD });

    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const clear of [CARD19, CARD16, CARD_UP, ID_X, ID_TYPO, PHONE]) {
      expect(bytes.includes(Buffer.from(clear)), clear).toBe(false);
    }
    expect(bytes.includes(Buffer.from(NOT_CARD))).toBe(true); // the scan itself can see a clear number
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
