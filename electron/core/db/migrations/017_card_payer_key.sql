-- A keyed hash of the token acquiring exports name a card payer by (付款方标识), so
-- merchant.self_paid can tell a merchant's owner paying with their own card. Keyed with the card
-- key (card-key.ts) like card_no: the plain token beside the masked number would give the number
-- back in a moment. Cards imported before this column are NULL until the card file is imported again.
ALTER TABLE card ADD COLUMN payer_key TEXT;
