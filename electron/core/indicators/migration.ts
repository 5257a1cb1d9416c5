// The 五级分类 migration matrix between two dates (DATA.md "五级 migration") (stub: filled in by the lead).
import type { Db } from '../db/connection.js';
import type { MigrationResult } from '../../../shared/indicators.js';
import type { Target } from './target.js';

export function migrationMatrix(db: Db, from: string, to: string, target: Target): MigrationResult {
  void db;
  void target;
  throw new Error(`not implemented yet ${from} ${to}`);
}
