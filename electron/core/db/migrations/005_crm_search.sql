-- The ends of numbers people read out at the counter: the last digits of a phone, of a card (4:
-- all the console keeps), of the 证件号码 (6, as customer_search.id_tail). Stored reversed, so
-- "ends with 1234" is a prefix seek on the key instead of a scan of every customer.
-- Derived from customer and card, rebuilt with customer_search (electron/core/crm/search-index.ts).
CREATE TABLE customer_search_tail (
  rkey TEXT NOT NULL,          -- the digits reversed: phone 13800000001 → 10000000831
  kind TEXT NOT NULL,          -- 'phone' | 'card_tail' | 'id_tail'
  cust_id TEXT NOT NULL,
  PRIMARY KEY (rkey, kind, cust_id)
) WITHOUT ROWID;

-- The gap list pages by keyset on (sort key, cust_id). Coverage has its index (003); these give
-- the other two sorts one too, so a page of 300k customers sorted by assets or star is a seek,
-- not a sort of every row that passes the filter.
CREATE INDEX customer_holding_assets ON customer_holding(data_date, avg_assets);
CREATE INDEX customer_holding_star ON customer_holding(data_date, star);
