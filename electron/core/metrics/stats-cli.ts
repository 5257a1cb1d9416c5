// The text `branch-console stats --db FILE --date YYYY-MM-DD --json` prints.
import type { Db } from '../db/connection.js';
import { computeOrgStats } from './stats.js';

export function statsJson(db: Db, date: string): string {
  return JSON.stringify(computeOrgStats(db, date));
}
