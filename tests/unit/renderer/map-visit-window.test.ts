// The visits layer's time window (renderer/components/map/visit-window.ts): which days it shows
// for each kind, days counted by hand on the calendar.
import { describe, expect, it } from 'vitest';
import { rangeDays, visitSpan, visitWindowOf } from '../../../renderer/components/map/visit-window.js';

describe('visit window', () => {
  it('the slider stops on every calendar day of the range, month and leap day crossed', () => {
    expect(rangeDays('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(rangeDays('2024-07-01', '2024-07-31')).toHaveLength(31);
    expect(rangeDays('2024-07-05', '2024-07-05')).toEqual(['2024-07-05']);
    expect(rangeDays('2024-07-06', '2024-07-05')).toEqual([]); // backwards: no stops, not a guess
    expect(rangeDays('2024-02-30', '2024-03-02')).toEqual([]);
    expect(rangeDays(null, '2024-03-02')).toEqual([]);
  });

  it('whole range, one day, 7 days and up to the day, for the end 2024-07-15 in July 1–31', () => {
    const [from, to] = ['2024-07-01', '2024-07-31'];
    expect(visitSpan('all', from, to, '2024-07-15')).toEqual({ start: from, end: to }); // the slider does not apply
    expect(visitSpan('day', from, to, '2024-07-15')).toEqual({ start: '2024-07-15', end: '2024-07-15' });
    // 7 days ending on the 15th: 9, 10, 11, 12, 13, 14, 15
    expect(visitSpan('week', from, to, '2024-07-15')).toEqual({ start: '2024-07-09', end: '2024-07-15' });
    expect(visitSpan('upto', from, to, '2024-07-15')).toEqual({ start: from, end: '2024-07-15' });
  });

  it('the end defaults to the range’s last day, and a window stops at the range’s first', () => {
    const [from, to] = ['2024-07-01', '2024-07-31'];
    expect(visitSpan('day', from, to, null)).toEqual({ start: to, end: to });
    expect(visitSpan('day', from, to, '2024-08-02')).toEqual({ start: to, end: to }); // outside the range: not shown as if inside
    // 7 days ending on the 3rd would start on June 27, before the range: July 1–3 only
    expect(visitSpan('week', from, to, '2024-07-03')).toEqual({ start: from, end: '2024-07-03' });
    // 7 days ending on March 2 of a leap year: Feb 25 … Mar 2 (25, 26, 27, 28, 29, 1, 2)
    expect(visitSpan('week', '2024-02-01', '2024-03-31', '2024-03-02')).toEqual({ start: '2024-02-25', end: '2024-03-02' });
  });

  it('reads ?vwin strictly: anything unknown is the whole range', () => {
    expect(visitWindowOf('week')).toBe('week');
    expect(visitWindowOf('WEEK')).toBe('all');
    expect(visitWindowOf(null)).toBe('all');
  });
});
