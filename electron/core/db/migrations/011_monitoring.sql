-- Monitoring (后评价, issue 10): the rules' parameters by version, the alerts they raise, and the runs.

-- Every saved set of parameters of a rule is a new version; an alert records the version that
-- raised it. A rule with no row here runs with its defaults as version 0.
CREATE TABLE monitor_rule_version (
  rule TEXT NOT NULL,
  version INTEGER NOT NULL,
  params TEXT NOT NULL,          -- JSON: parameter key → number, as the settings show them (元, fractions, days)
  enabled INTEGER NOT NULL,
  saved_by TEXT,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (rule, version)
) WITHOUT ROWID;

-- One alert per rule, subject and period (the month the case belongs to). A run replaces the
-- pending alerts of the months it covers; a decided alert keeps its decision, and when a later run
-- finds other evidence for it, evidence_hash moves away from decided_hash and the screens say so.
CREATE TABLE monitor_alert (
  alert_id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  family TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  period TEXT NOT NULL,
  org_id TEXT,
  staff_id TEXT,
  score REAL NOT NULL,
  summary TEXT NOT NULL,
  evidence TEXT NOT NULL,        -- JSON Evidence[]
  evidence_hash TEXT NOT NULL,
  effects TEXT NOT NULL,         -- JSON AlertEffect[]
  status TEXT NOT NULL DEFAULT 'pending',
  reason TEXT,
  decided_by TEXT,
  decided_at TEXT,
  decided_hash TEXT,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  -- 0 when the latest run over its month no longer finds it (kept only when decided)
  found INTEGER NOT NULL DEFAULT 1,
  UNIQUE (rule, subject_type, subject_id, period)
);
CREATE INDEX monitor_alert_period ON monitor_alert(period, status);
CREATE INDEX monitor_alert_org ON monitor_alert(org_id, period);
CREATE INDEX monitor_alert_staff ON monitor_alert(staff_id, period);

CREATE TABLE monitor_run (
  run_id INTEGER PRIMARY KEY,
  trigger TEXT NOT NULL,         -- 'import' | 'undo' | 'manual' | 'cli'
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  alerts INTEGER,
  ms INTEGER,
  error TEXT
);
