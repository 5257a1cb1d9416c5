-- Indexes for the customer views (electron/core/crm). Indexes only: no data changes.
--
-- deposit_cust gains balance, so a customer's deposits per day (月日均金融资产, the 360 trend) are
-- summed from the index alone, and the all-customer pass of ensureHoldings reads the index in
-- customer order (GROUP BY with no sort): about 3x faster than reading the table. Same name, as
-- 002 did for deposit_date_org.
DROP INDEX IF EXISTS deposit_cust;
CREATE INDEX deposit_cust ON deposit(cust_id, data_date, balance);
