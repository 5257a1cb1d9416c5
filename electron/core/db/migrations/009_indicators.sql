-- Materialised indicators (electron/core/indicators): the additive parts of every indicator of
-- DATA.md per data date × family × org × staff, so a dashboard sums a few thousand small rows
-- instead of the raw exports. A family is the set of measures one dataset group yields (deposit,
-- loan, customer, merchant, card, signing, visit); org_id is the row's org by scope/row-org.ts
-- ('' for none), staff_id the staff member the row names ('' for none). Money in 分.
CREATE TABLE ind_cell (
  data_date TEXT NOT NULL,
  family TEXT NOT NULL,
  org_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  measure TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (data_date, family, org_id, staff_id, measure)
) WITHOUT ROWID;
CREATE INDEX ind_cell_staff ON ind_cell(data_date, family, staff_id);

-- Distinct counts (贷款户数, 走访客户数, 中间业务有效客户) are stored per cell; a customer counted
-- in more than one cell (loans from two 客户经理, visits by two staff) is listed here with each of
-- its cells, so a roll-up counts it once: Σ cells − (cells of the customer inside the target − 1).
CREATE TABLE ind_overlap (
  data_date TEXT NOT NULL,
  family TEXT NOT NULL,
  measure TEXT NOT NULL,
  cust_id TEXT NOT NULL,
  org_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  PRIMARY KEY (data_date, family, measure, cust_id, org_id, staff_id)
) WITHOUT ROWID;

-- Which (date, family) pairs are built. An import or undo deletes the pairs it touches inside its
-- own transaction, so a reader never sums cells older than the rows; a missing pair is built on
-- first read (or by the background job right after the import).
CREATE TABLE ind_state (
  data_date TEXT NOT NULL,
  family TEXT NOT NULL,
  built_at TEXT NOT NULL,
  ms INTEGER NOT NULL,
  PRIMARY KEY (data_date, family)
) WITHOUT ROWID;
