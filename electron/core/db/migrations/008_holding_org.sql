-- Data scope on the gap list: each holding row carries its customer's org (customer.org_id, the
-- rule of electron/core/scope/row-org.ts for customers), so counting a branch's customers of a
-- date reads an index range instead of joining every holding of the date to its customer. The
-- holdings are rebuilt with the data (data_version), so the copy never outlives a change of org.
ALTER TABLE customer_holding ADD COLUMN org_id TEXT;
CREATE INDEX customer_holding_org ON customer_holding(data_date, org_id, mask);
-- holdings built before this version have no org: drop them, the next request rebuilds them
DELETE FROM customer_holding;
DELETE FROM derived_state WHERE name LIKE 'holding:%';
