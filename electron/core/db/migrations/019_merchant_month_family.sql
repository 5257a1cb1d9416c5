-- merchant_month (018) is now written by the merchant indicator family's build, with its cells and
-- in the same transaction, and dropped with them when an import or undo touches the date
-- (indicators/store.ts). What the earlier build left was kept per data version, which the family's
-- state does not know: it is emptied, with the family's cells, so the background build (or the
-- first reader) builds both again together.
DELETE FROM merchant_month;
DELETE FROM derived_state WHERE name LIKE 'merchant_month:%';
DELETE FROM ind_cell WHERE family = 'merchant';
DELETE FROM ind_overlap WHERE family = 'merchant';
DELETE FROM ind_state WHERE family = 'merchant';
