import { describe, expect, it } from 'vitest';
import {
  enumReader, idCheckDigitOk, parseBool, parseDate, parseDatetime, parseDecimal, parseInteger, parseMoney, ValueError,
} from '../../../electron/core/import/values.js';
import { CLASS5 } from '../../../shared/datasets.js';

const err = (v: unknown) => v instanceof ValueError;

describe('amounts are read to integer 分 without floating point', () => {
  it.each([
    ['1,234.56', 123456],
    ['1234.5', 123450],
    ['0', 0],
    ['-3.1', -310],
    ['¥12.00', 1200],
    ['0.005', 1], // half up on the first dropped digit
    ['0.004', 0],
    ['90071992547409.91', 9007199254740991], // the largest safe 分 value, exact
  ])('%s → %i 分', (text, fen) => expect(parseMoney(text)).toBe(fen));

  it('reads 万元 when the profile says so', () => {
    expect(parseMoney('1.5', '万元')).toBe(1_500_000); // 1.5 万元 = 15000 元 = 1,500,000 分
    expect(parseMoney('0.000001', '万元')).toBe(1); // 0.01 元
  });

  it.each(['1,2', '12,34.5', 'abc', '1.2.3', '', '--1'])('refuses %j', (t) => expect(err(parseMoney(t))).toBe(true));

  it('refuses an amount beyond exact integers', () => expect(err(parseMoney('90071992547409.92'))).toBe(true));

  it('does not lose cents the way float addition would', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in 分 it is 10 + 20 = 30
    expect((parseMoney('0.1') as number) + (parseMoney('0.2') as number)).toBe(parseMoney('0.3'));
  });
});

describe('dates', () => {
  it.each([
    ['2024-07-31', '2024-07-31'],
    ['20240731', '2024-07-31'],
    ['2024/7/31', '2024-07-31'],
    ['2024-02-29', '2024-02-29'],
    ['2024年7月1日', '2024-07-01'],
  ])('%s → %s', (t, d) => expect(parseDate(t)).toBe(d));

  it.each(['20240230', '2024-13-01', '2023-02-29', '2024-00-10', '31/07/2024', '2024-7'])(
    'never rolls %s over to another day',
    (t) => expect(err(parseDate(t))).toBe(true),
  );

  it('reads timestamps', () => {
    expect(parseDatetime('2024-07-31 14:03:00')).toBe('2024-07-31 14:03:00');
    expect(parseDatetime('2024/7/1 9:05')).toBe('2024-07-01 09:05:00');
    expect(parseDatetime('20240731140300')).toBe('2024-07-31 14:03:00');
    expect(err(parseDatetime('2024-07-31 24:00:00'))).toBe(true);
    expect(err(parseDatetime('2024-06-31 10:00:00'))).toBe(true);
  });
});

describe('enumerations, flags and numbers', () => {
  const class5 = enumReader([...CLASS5]);
  it('accepts the label, the code and label[code]', () => {
    expect(class5('次级')).toBe('次级');
    expect(class5('3')).toBe('次级');
    expect(class5('可疑[4]')).toBe('可疑');
    expect(err(class5('6'))).toBe(true);
    expect((class5('坏账') as ValueError).reason).toContain('正常[1]');
  });
  it('reads 是/否 and common spellings', () => {
    expect(parseBool('是')).toBe(1);
    expect(parseBool('否')).toBe(0);
    expect(parseBool('Y')).toBe(1);
    expect(err(parseBool('也许'))).toBe(true);
  });
  it('reads integers and decimals', () => {
    expect(parseInteger('1,200')).toBe(1200);
    expect(err(parseInteger('1.5'))).toBe(true);
    expect(parseDecimal('4.35')).toBe(4.35);
    expect(parseDecimal('4.35%')).toBe(4.35);
    expect(err(parseDecimal('四'))).toBe(true);
  });
});

describe('身份证 check digit (GB 11643)', () => {
  it('accepts the standard worked example and refuses a changed check digit', () => {
    expect(idCheckDigitOk('11010519491231002X')).toBe(true);
    expect(idCheckDigitOk('11010519491231002x')).toBe(true);
    expect(idCheckDigitOk('110105194912310021')).toBe(false);
  });
  it('computes the digit as the standard defines it', () => {
    // independent computation: sum of digit × 2^(17-i) mod 11, then (12 - sum) mod 11
    const check = (body: string) => {
      let s = 0;
      for (let i = 0; i < 17; i++) s += Number(body[i]) * (2 ** (17 - i) % 11);
      const v = (12 - (s % 11)) % 11;
      return v === 10 ? 'X' : String(v);
    };
    for (const body of ['35050219900101123', '35058219851231456', '35052419700707070']) {
      expect(idCheckDigitOk(body + check(body))).toBe(true);
      expect(idCheckDigitOk(body + (check(body) === '0' ? '1' : '0'))).toBe(false);
    }
  });
});
