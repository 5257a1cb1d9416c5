-- 对账 (electron/core/reconcile): the bank's official figures for a date, from its 报表平台 or the
-- 1104 return, to set beside the console's own. One figure per date × org × indicator: entering or
-- importing it again replaces it (the newest official figure is the one reconciled).
-- value_int: money in integer 分, or a count; value_dec: a ratio or average as decimal text exactly
-- as the report gave it (its decimals are the precision the comparison rounds to). Exactly one is set.
CREATE TABLE official_figure (
  id INTEGER PRIMARY KEY,
  data_date TEXT NOT NULL,
  org_id TEXT NOT NULL,
  indicator TEXT NOT NULL,
  value_int INTEGER,
  value_dec TEXT,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  batch TEXT,
  CHECK ((value_int IS NULL) <> (value_dec IS NULL)),
  UNIQUE (data_date, org_id, indicator)
);
CREATE INDEX official_figure_batch ON official_figure (batch);
