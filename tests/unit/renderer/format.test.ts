import { describe, expect, it } from 'vitest';
import { count, date, dateRange, dateTime, deviationSeverity, fen, percent, wan, yuan, yuanToFen } from '../../../renderer/format.js';

describe('money formatting', () => {
  it('converts 元 to integer 分 without binary-fraction drift', () => {
    // 1.005 * 100 is 100.49999… in binary floating point; the decimal string is 1.00 or 1.01
    expect(yuanToFen(1.1)).toBe(110n);
    expect(yuanToFen(0.07)).toBe(7n);
    expect(yuanToFen(-25.5)).toBe(-2550n);
    expect(yuanToFen(123456789012.34)).toBe(12345678901234n);
  });

  it('shows 万元 with grouping and half-away-from-zero rounding', () => {
    // 12,345,678.90 元 = 1,234.567890 万元 → 1,234.57
    expect(wan(12345678.9)).toBe('1,234.57');
    // 6,150 元 = 0.615 万元: exactly half a hundredth, rounds up (0.615 in float would round down)
    expect(wan(6150)).toBe('0.62');
    expect(wan(-6150)).toBe('-0.62');
    expect(wan(6149.99)).toBe('0.61');
    expect(wan(0)).toBe('0.00');
    // 3.2 亿元 = 32,000 万元
    expect(wan(320000000)).toBe('32,000.00');
    expect(wan(null)).toBe('—');
  });

  it('shows 元 with two decimals', () => {
    expect(yuan(1234.5)).toBe('1,234.50');
    expect(yuan(-0.01)).toBe('-0.01');
    expect(yuan(1000000)).toBe('1,000,000.00');
  });
});

describe('other numbers', () => {
  it('groups counts and prints percentages', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(count(999)).toBe('999');
    expect(percent(0.01234)).toBe('1.23%');
    expect(percent(null)).toBe('—');
  });

  it('colours deviation against the threshold it is given (the core’s setting), either sign', () => {
    expect(deviationSeverity(0.031, 0.03)).toBe('danger');
    expect(deviationSeverity(-0.035, 0.03)).toBe('danger');
    expect(deviationSeverity(0.03, 0.03)).toBe('warn'); // at the threshold is not over it
    expect(deviationSeverity(0.021, 0.03)).toBe('warn'); // 2/3 of 3% is 2%
    expect(deviationSeverity(0.019, 0.03)).toBe('ok');
    expect(deviationSeverity(null, 0.03)).toBe('none');
    expect(deviationSeverity(0.035, 0.04)).toBe('warn'); // 2/3 of 4% is 2.67%
    expect(deviationSeverity(0.025, 0.04)).toBe('ok');
  });

  it('writes dates the Chinese way', () => {
    expect(date('2024-07-01')).toBe('2024年7月1日');
    expect(date('2024-07-01', 'en')).toBe('2024-07-01');
    expect(dateRange('2024-07-01', '2024-07-31')).toBe('2024-07-01 ~ 07-31');
    expect(dateRange('2023-12-31', '2024-01-31')).toBe('2023-12-31 ~ 2024-01-31');
    expect(dateRange('2024-07-31', '2024-07-31')).toBe('2024-07-31');
  });
});

describe('preview and history values', () => {
  it('shows integer 分 as 元', () => {
    expect(fen(123456)).toBe('1,234.56');
    expect(fen(-5)).toBe('-0.05');
    expect(fen('615000')).toBe('6,150.00');
    expect(fen('abc')).toBe('abc');
    expect(fen(null)).toBe('—');
  });

  it('shows a UTC timestamp in local time and leaves local wall time as written', () => {
    // the test runs in whatever zone the machine has: compute the expected local time by hand
    const d = new Date(Date.UTC(2024, 6, 31, 16, 5, 9));
    const p = (n: number) => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    expect(dateTime('2024-07-31T16:05:09.123Z')).toBe(local);
    expect(dateTime('2024-07-31 16:05:09')).toBe('2024-07-31 16:05');
  });
});
