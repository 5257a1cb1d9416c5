-- Assessment (绩效考核, issue 12): schemes by version, manual adjustments, locked periods.
-- Targets are the imported 考核目标 rows (table `target`, 001); grid edits change those rows.

-- Every saved scheme is a new version; version 0 is DATA.md's default and is never stored.
CREATE TABLE assess_scheme (
  object_type TEXT NOT NULL,     -- 'org' | 'staff'
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  indicators TEXT NOT NULL,      -- JSON SchemeIndicator[]
  deduction TEXT NOT NULL,       -- JSON { per_alert, max }
  saved_by TEXT,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (object_type, version)
) WITHOUT ROWID;

-- Manual ± points with a written reason, per period and object (audited when added or removed).
CREATE TABLE assess_adjustment (
  adjustment_id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  points REAL NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX assess_adjustment_period ON assess_adjustment(period, object_type, object_id);

-- A locked (published) period: the whole bank's AssessResult as computed then, and the data
-- version it was computed from (import/data-version.ts), so a later import is noticed, not applied.
CREATE TABLE assess_lock (
  period TEXT PRIMARY KEY,
  result TEXT NOT NULL,          -- JSON AssessResult (locked: null inside; added on read)
  data_version INTEGER NOT NULL,
  locked_by TEXT NOT NULL,
  locked_at TEXT NOT NULL
);
