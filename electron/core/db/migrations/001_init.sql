-- Branch Console schema, version 1.
-- Money is INTEGER 分 (fen); dates are TEXT YYYY-MM-DD; timestamps TEXT YYYY-MM-DD HH:MM:SS.
-- Every imported row carries the batch that last wrote it (batch_id) and the columns of its file
-- that the layout does not know (extra, JSON), kept aside rather than dropped.

CREATE TABLE org (
  org_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id TEXT,
  level TEXT,
  lng REAL,
  lat REAL,
  address TEXT,
  batch_id INTEGER,
  extra TEXT
);

CREATE TABLE staff (
  staff_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  org_id TEXT NOT NULL,
  post TEXT,
  phone TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX staff_org ON staff(org_id);

CREATE TABLE customer (
  cust_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  cust_type TEXT,
  id_type TEXT,
  id_no TEXT,
  gender TEXT,
  birth_date TEXT,
  phone TEXT,
  address TEXT,
  is_farmer INTEGER,
  org_id TEXT NOT NULL,
  manager_id TEXT,
  grid_id TEXT,
  lng REAL,
  lat REAL,
  open_date TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX customer_org ON customer(org_id);
CREATE INDEX customer_manager ON customer(manager_id);

CREATE TABLE deposit (
  data_date TEXT NOT NULL,
  acct_no TEXT NOT NULL,
  cust_id TEXT NOT NULL,
  kind TEXT,
  open_date TEXT,
  maturity_date TEXT,
  balance INTEGER NOT NULL,
  status TEXT,
  org_id TEXT,
  manager_id TEXT,
  batch_id INTEGER,
  extra TEXT,
  PRIMARY KEY (data_date, acct_no)
) WITHOUT ROWID;
CREATE INDEX deposit_cust ON deposit(cust_id, data_date);
CREATE INDEX deposit_date_org ON deposit(data_date, org_id);

CREATE TABLE loan (
  data_date TEXT NOT NULL,
  loan_no TEXT NOT NULL,
  contract_no TEXT,
  cust_id TEXT NOT NULL,
  product TEXT,
  guarantee TEXT,
  is_online INTEGER,
  issue_date TEXT NOT NULL,
  maturity_date TEXT,
  amount INTEGER NOT NULL,
  balance INTEGER NOT NULL,
  rate REAL,
  class5 TEXT,
  overdue_days INTEGER,
  overdue_principal INTEGER,
  interest_arrears INTEGER,
  is_inclusive INTEGER,
  manager_id TEXT,
  org_id TEXT,
  batch_id INTEGER,
  extra TEXT,
  PRIMARY KEY (data_date, loan_no)
) WITHOUT ROWID;
CREATE INDEX loan_cust ON loan(cust_id, data_date);
CREATE INDEX loan_date_org ON loan(data_date, org_id);

-- card_no holds a keyed hash of the card number (never the number); card_no_masked its
-- first 6 and last 4 digits, enough to recognise a card at the counter.
CREATE TABLE card (
  card_no TEXT PRIMARY KEY,
  card_no_masked TEXT,
  cust_id TEXT NOT NULL,
  card_type TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  activate_date TEXT,
  status TEXT,
  credit_limit INTEGER,
  last_txn_date TEXT,
  txn_count_12m INTEGER,
  manager_id TEXT,
  org_id TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX card_cust ON card(cust_id);

CREATE TABLE signing (
  sign_no TEXT PRIMARY KEY,
  cust_id TEXT NOT NULL,
  biz_type TEXT NOT NULL,
  sign_date TEXT NOT NULL,
  cancel_date TEXT,
  status TEXT,
  last_used_date TEXT,
  device_id TEXT,
  staff_id TEXT,
  org_id TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX signing_cust ON signing(cust_id);

CREATE TABLE merchant (
  merchant_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  industry TEXT,
  owner_cust_id TEXT,
  settle_acct TEXT,
  sign_date TEXT,
  status TEXT,
  lng REAL,
  lat REAL,
  grid_id TEXT,
  manager_id TEXT,
  org_id TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX merchant_owner ON merchant(owner_cust_id);

CREATE TABLE acq_txn (
  txn_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  terminal_id TEXT,
  txn_time TEXT NOT NULL,
  amount INTEGER NOT NULL,
  payer TEXT,
  pay_method TEXT,
  txn_type TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX acq_txn_merchant_time ON acq_txn(merchant_id, txn_time);

CREATE TABLE grid (
  grid_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  grid_type TEXT,
  org_id TEXT,
  owner_staff_id TEXT,
  households INTEGER,
  geometry TEXT NOT NULL,
  batch_id INTEGER,
  extra TEXT
);

CREATE TABLE visit (
  visit_id TEXT PRIMARY KEY,
  visit_time TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  cust_id TEXT,
  target_name TEXT,
  grid_id TEXT,
  lng REAL,
  lat REAL,
  method TEXT,
  result TEXT,
  products TEXT,
  note TEXT,
  batch_id INTEGER,
  extra TEXT
);
CREATE INDEX visit_cust ON visit(cust_id);
CREATE INDEX visit_staff_time ON visit(staff_id, visit_time);

CREATE TABLE referral (
  referrer_cust_id TEXT NOT NULL,
  referred_cust_id TEXT NOT NULL,
  referral_date TEXT,
  biz_type TEXT,
  batch_id INTEGER,
  extra TEXT,
  PRIMARY KEY (referrer_cust_id, referred_cust_id)
);
CREATE INDEX referral_referred ON referral(referred_cust_id);

CREATE TABLE target (
  period TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  indicator TEXT NOT NULL,
  target_value REAL NOT NULL,
  batch_id INTEGER,
  extra TEXT,
  PRIMARY KEY (period, subject_type, subject_id, indicator)
);

-- One row per imported file. status: 'committed' | 'undone' | 'failed'.
CREATE TABLE import_batch (
  batch_id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_path TEXT,
  file_size INTEGER,
  file_sha256 TEXT,
  dataset TEXT NOT NULL,
  encoding TEXT,
  delimiter TEXT,
  profile TEXT,
  min_date TEXT,
  max_date TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_replaced INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_warned INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  message TEXT,
  username TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  undone_at TEXT,
  undone_by TEXT
);

-- Rejected rows and warnings: the file, row (1-based line of the data row as the user sees it
-- in a spreadsheet, header = row 1), column (header as written) and reason.
CREATE TABLE import_issue (
  batch_id INTEGER NOT NULL REFERENCES import_batch(batch_id),
  level TEXT NOT NULL,           -- 'rejected' | 'warning'
  row_no INTEGER,
  column_name TEXT,
  value TEXT,
  reason TEXT NOT NULL
);
CREATE INDEX import_issue_batch ON import_issue(batch_id, level);

-- The state a batch replaced, so an undo can put it back.
CREATE TABLE import_replaced (
  batch_id INTEGER NOT NULL,
  dataset TEXT NOT NULL,
  row_json TEXT NOT NULL
);
CREATE INDEX import_replaced_batch ON import_replaced(batch_id);

CREATE TABLE mapping_profile (
  name TEXT PRIMARY KEY,
  dataset TEXT NOT NULL,
  json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE app_user (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id TEXT,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
