-- The 五级 migration matrix (indicators/migration.ts) per pair of loan snapshots × org × 经办客户经理,
-- so the 资产质量 dashboard sums a few hundred cells instead of joining two snapshots of every loan
-- on each request. Keyed by the snapshot dates the asked dates resolve to ('' when `from` has no
-- snapshot): every day of a month asks for the same pair. A loan import or undo drops the pairs
-- whose later snapshot is on or after its first day (indicators/store.ts, with the loan family).
CREATE TABLE ind_migration (
  from_snap TEXT NOT NULL,
  to_snap TEXT NOT NULL,
  org_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  row_class TEXT NOT NULL,
  col_class TEXT NOT NULL,
  fen INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (from_snap, to_snap, org_id, staff_id, row_class, col_class)
) WITHOUT ROWID;

CREATE TABLE ind_migration_state (
  from_snap TEXT NOT NULL,
  to_snap TEXT NOT NULL,
  built_at TEXT NOT NULL,
  PRIMARY KEY (from_snap, to_snap)
) WITHOUT ROWID;
