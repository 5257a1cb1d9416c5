-- Customers (惠金小助手): per-customer holdings and the search index, both derived from the
-- imported data and rebuilt when it changes (setting 'data_version' is bumped by every import
-- commit and undo; a derived table records the version it was built from).

-- The 18-item holding of every customer as of a date: bit (id − 1) of mask is set when item id
-- is held. avg_assets is 月日均金融资产 in 分; star 1–5 from it.
CREATE TABLE customer_holding (
  data_date TEXT NOT NULL,
  cust_id TEXT NOT NULL,
  mask INTEGER NOT NULL,
  coverage INTEGER NOT NULL,
  avg_assets INTEGER NOT NULL,
  star INTEGER NOT NULL,
  PRIMARY KEY (data_date, cust_id)
) WITHOUT ROWID;
CREATE INDEX customer_holding_cov ON customer_holding(data_date, coverage);

CREATE TABLE derived_state (
  name TEXT PRIMARY KEY,       -- 'holding:YYYY-MM-DD' | 'search'
  data_version INTEGER NOT NULL,
  built_at TEXT NOT NULL
);

-- What the search box matches on, one row per customer: name, pinyin initials, phone, the last
-- digits of the 身份证 number and of each card (never the full numbers of cards).
CREATE TABLE customer_search (
  cust_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  initials TEXT,
  phone TEXT,
  id_tail TEXT,
  card_tails TEXT
);
CREATE INDEX customer_search_name ON customer_search(name);
CREATE INDEX customer_search_initials ON customer_search(initials);
CREATE INDEX customer_search_phone ON customer_search(phone);
CREATE INDEX customer_search_id_tail ON customer_search(id_tail);
