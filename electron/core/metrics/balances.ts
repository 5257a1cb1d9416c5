// The days of a month up to a date and the deposit snapshot that stands for each, as the
// indicators weigh them for 存款日均 (indicators/snapshots.ts: a snapshot stands for every day
// until the next, days before the first weigh 0 but still divide). The customers feature's
// 月日均金融资产 must weigh days the same way (crm/star.ts monthWeights; a test compares them).
import type { Db } from '../db/connection.js';
import { monthStart } from '../../../shared/dates.js';
import { latestSnapshot } from '../rules/in-service.js';
import { dayWeights, snapshotDates } from '../indicators/snapshots.js';

export function depositDayWeights(db: Db, date: string): { date: string; days: number }[] {
  const first = monthStart(date);
  const snaps = snapshotDates(db, 'deposit', latestSnapshot(db, 'deposit', first) ?? first, date);
  return dayWeights(snaps, first, date).map((w) => ({ date: w.snap, days: w.days }));
}
