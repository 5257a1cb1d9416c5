// What the audit log keeps of a customer search: what kind of look-up it was, the query masked as
// personal data is shown masked (a full phone number or name never goes into the log), and which
// customers it returned.
import { maskCustomerName, maskPhone } from '../../../shared/masking.js';
import { classifyQuery } from '../crm/search-query.js';

/** Customer numbers kept per search row: the first page of the search box. */
const MAX_IDS = 20;

export function maskedQuery(raw: string): { kind: string; query: string } {
  const k = classifyQuery(raw);
  switch (k.kind) {
    case 'empty':
      return { kind: k.kind, query: '' };
    case 'phone':
      return { kind: k.kind, query: maskPhone(k.phone) ?? '' };
    case 'digits':
      // a tail of 4–6 digits names nobody; a longer run may be a whole number
      return { kind: k.kind, query: k.digits.length <= 6 ? k.digits : maskPhone(k.digits) ?? '' };
    case 'id_tail':
      return { kind: k.kind, query: k.tail.length <= 7 ? k.tail : '*'.repeat(k.tail.length - 5) + k.tail.slice(-5) };
    case 'chinese':
      return { kind: k.kind, query: maskCustomerName(k.text, null) ?? '' };
    case 'letters':
      return { kind: k.kind, query: k.letters.slice(0, 20) };
    case 'other':
      return { kind: k.kind, query: k.text.slice(0, 40) };
  }
}

export function searchAuditDetail(raw: string, custIds: readonly string[]): Record<string, unknown> {
  return { ...maskedQuery(raw), results: custIds.length, custIds: custIds.slice(0, MAX_IDS) };
}
