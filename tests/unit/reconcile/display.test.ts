// How the screen writes a figure: percentages moved on the digits of the decimal text.
import { expect, it } from 'vitest';
import { decPercent, diffText } from '../../../renderer/components/reconcile/display.js';
it('ratios as percentages on the digits, differences signed', () => {
  expect(decPercent('0.0123')).toBe('1.23%');
  expect(decPercent('-0.0001')).toBe('-0.01%');
  expect(decPercent('0.125')).toBe('12.5%');
  expect(decPercent('0.05')).toBe('5%');
  expect(decPercent('0.3333')).toBe('33.33%');
  expect(decPercent('1.5')).toBe('150%');
  expect(decPercent('0.0000')).toBe('0.00%');
  expect(decPercent('12')).toBe('1200%');
  expect(diffText(0.01, 'yuan')).toBe('+0.01');
  expect(diffText('0.0000', 'ratio')).toBe('0.00%');
  expect(diffText(-1, 'count')).toBe('-1');
});
