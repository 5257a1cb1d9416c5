import { describe, expect, it } from 'vitest';
import {
  cellReader, coordinateWarning, enumReader, idCheckDigitOk, parseBool, parseDate, parseDatetime, parseDecimal, parseInteger, parseMoney, ValueError,
} from '../../../electron/core/import/values.js';
import { declaredFormatReader, type DateFormat } from '../../../electron/core/import/date-formats.js';
import { CLASS5 } from '../../../shared/datasets.js';

const err = (v: unknown) => v instanceof ValueError;

describe('amounts are read to integer 分 without floating point', () => {
  it.each([
    ['1,234.56', 123456],
    ['1234.5', 123450],
    ['0', 0],
    ['-3.1', -310],
    ['¥12.00', 1200],
    ['1.2300', 123], // zeros past the 分 are not precision
    ['90071992547409.91', 9007199254740991], // the largest safe 分 value, exact
  ])('%s → %i 分', (text, fen) => expect(parseMoney(text)).toBe(fen));

  it('reads 万元, 千元 and 分 when the profile says so', () => {
    expect(parseMoney('1.5', '万元')).toBe(1_500_000); // 1.5 万元 = 15000 元 = 1,500,000 分
    expect(parseMoney('0.000001', '万元')).toBe(1); // 0.01 元
    expect(parseMoney('2.34567', '千元')).toBe(234_567); // 2.34567 千元 = 2345.67 元
    expect(parseMoney('1,250', '分')).toBe(1250);
    expect(err(parseMoney('12.5', '分'))).toBe(true); // half a 分
    expect(err(parseMoney('0.0000001', '万元'))).toBe(true); // 0.001 元
  });

  it.each(['0.005', '1.239', '-3.101'])('refuses %s: finer than a 分, never rounded', (t) => {
    const v = parseMoney(t);
    expect(err(v)).toBe(true);
    expect((v as ValueError).reason).toMatch(/分以下.*不做四舍五入/);
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

  it.each(['20240230', '2024-13-01', '2023-02-29', '2024-00-10', '31/07/2024', '2024-7', '2024-07/31'])(
    'never rolls %s over to another day',
    (t) => expect(err(parseDate(t))).toBe(true),
  );

  it.each(['190922', '215126', '2407', '2024731', '202407311', '2024073114'])(
    'does not guess a date from %s digits: only YYYYMMDD is read without separators',
    (t) => {
      for (const v of [parseDate(t), parseDatetime(t)]) {
        expect(err(v)).toBe(true);
        expect((v as ValueError).reason).toMatch(/8 位 YYYYMMDD.*dateFormats/);
      }
    },
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
    expect(parseDecimal('4.35%', true)).toBe(4.35); // a column of percentages (执行利率(%))
    expect(parseDecimal('95%')).toBe(0.95); // elsewhere % means hundredths, exactly as 0.95 reads
    expect(parseDecimal('95%')).toBe(parseDecimal('0.95'));
    expect(parseDecimal('4.35%')).toBe(0.0435);
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

describe('date formats a profile declares', () => {
  const read = (f: string, s: string, withTime = false) => declaredFormatReader(f as DateFormat, withTime)(s);
  it.each([
    ['YYMMDD', '190922', '2019-09-22'],
    ['YYMMDD', '491231', '2049-12-31'], // 00–49 → 20xx
    ['YYMMDD', '500101', '1950-01-01'], // 50–99 → 19xx
    ['YYMMDD', '930705', '1993-07-05'],
    ['YYYYMMDD', '20240731', '2024-07-31'],
    ['YYYY-MM-DD', '2024-07-31', '2024-07-31'],
    ['DD.MM.YYYY', '31.07.2024', '2024-07-31'],
    ['MM/DD/YYYY', '07/31/2024', '2024-07-31'],
    ['DD/MM/YYYY', '31/07/2024', '2024-07-31'],
  ])('%s reads %s as %s', (f, s, d) => expect(read(f, s)).toBe(d));

  it('reads the time when the format has one, and midnight when a timestamp column has none', () => {
    expect(read('DD.MM.YYYY HH:mm:ss', '31.07.2024 14:03:09', true)).toBe('2024-07-31 14:03:09');
    expect(read('YYMMDD', '930705', true)).toBe('1993-07-05 00:00:00');
    expect(err(read('DD.MM.YYYY HH:mm:ss', '31.07.2024 24:00:00', true))).toBe(true);
  });

  it('refuses what does not fit the declared format, or a day that does not exist', () => {
    expect((read('YYMMDD', '20240731') as ValueError).reason).toContain('YYMMDD');
    expect(err(read('DD/MM/YYYY', '07/31/2024'))).toBe(true); // month 31
    expect(err(read('DD.MM.YYYY', '30.02.2024'))).toBe(true);
    expect(err(read('YYMMDD', '190230'))).toBe(true);
    expect(err(read('YYYY-MM-DD', '2024/07/31'))).toBe(true);
  });
});

describe('coordinates', () => {
  const lng = cellReader({ key: 'lng', zh: '经度', type: 'decimal', coord: 'lng' });
  const lat = cellReader({ key: 'lat', zh: '纬度', type: 'decimal', coord: 'lat' });
  it('rejects a value beyond the globe', () => {
    expect(err(lng('180.5'))).toBe(true);
    expect(err(lat('-90.01'))).toBe(true);
    expect(lng('118.59')).toBe(118.59);
  });
  it('warns outside China but keeps the value', () => {
    expect(coordinateWarning('lng', 118.59)).toBeNull();
    expect(coordinateWarning('lat', 24.9)).toBeNull();
    expect(coordinateWarning('lng', 24.9)).toMatch(/不在中国境内.*颠倒/); // lat written as lng
    expect(coordinateWarning('lat', -33.9)).toMatch(/不在中国境内/);
  });
});
