// Card numbers are never stored: the key is a keyed hash (HMAC-SHA256 with a secret kept outside
// the database, see card-key.ts), so the same card imports to the same row, and a stolen
// database does not give the numbers back; the masked form (first 6, last 4) is what anyone sees.
import crypto from 'node:crypto';
import type { Db } from '../db/connection.js';
import { cardHashKey } from './card-key.js';

export { cardHashKey };

export function cardHasher(db: Db): (cardNo: string) => string {
  const key = cardHashKey(db);
  return (no) => crypto.createHmac('sha256', key).update(no).digest('base64url').slice(0, 32);
}

/**
 * How an acquiring export names a payer (付款方标识, "hashed card or account" in DATA.md): the first
 * 16 hex digits of SHA-256 of the card or account number, upper case. DATA.md does not fix the
 * scheme; this is the one the bank's 收单 exports and the demo use. Unkeyed, so never stored beside
 * a masked number: a card keeps it only under the card key (card.payer_key = cardHasher(token)).
 */
export function payerToken(number: string): string {
  return crypto.createHash('sha256').update(number).digest('hex').slice(0, 16).toUpperCase();
}

export function maskCardNo(no: string): string {
  if (no.length <= 10) return no.length <= 4 ? '****' : `${'*'.repeat(no.length - 4)}${no.slice(-4)}`;
  return `${no.slice(0, 6)}${'*'.repeat(no.length - 10)}${no.slice(-4)}`;
}
