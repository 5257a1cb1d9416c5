-- Grid map (issue 11): each merchant's 收单 figures of the month up to a date (transactions, amount
-- in 分, distinct payers, active days), from which the merchants layer classes a merchant 普通 /
-- 有效 / 高质量. Derived (electron/core/grid/merchant-month.ts): built once per date and data version
-- (derived_state 'merchant_month:DATE') instead of reading every merchant's month on each request.
CREATE TABLE merchant_month (
  data_date TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  fen INTEGER NOT NULL,
  payers INTEGER NOT NULL,
  days INTEGER NOT NULL,
  PRIMARY KEY (data_date, merchant_id)
) WITHOUT ROWID;
