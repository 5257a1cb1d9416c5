// What a search-box query is: the kind decides which indexed look-ups run.

export type QueryKind =
  | { kind: 'empty' }
  | { kind: 'phone'; phone: string } // 11 digits starting with 1
  | { kind: 'digits'; digits: string } // other digits, at least 4: tails, phone suffix, cust_id
  | { kind: 'id_tail'; tail: string } // digits ending in X: the end of a 身份证 number
  | { kind: 'letters'; letters: string } // pinyin initials or the start of a cust_id
  | { kind: 'chinese'; text: string } // a name, or part of one
  | { kind: 'other'; text: string }; // anything else: a customer number

const HAN = /\p{Script=Han}/u;

export function classifyQuery(raw: string): QueryKind {
  const q = raw.normalize('NFKC').trim();
  if (q === '') return { kind: 'empty' };
  // people paste numbers with spaces or dashes: 138 0000 0001, 138-0000-0001
  const compact = q.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(compact)) return { kind: 'phone', phone: compact };
  if (/^\d{4,}$/.test(compact)) return { kind: 'digits', digits: compact };
  if (/^\d{3,}[xX]$/.test(compact)) return { kind: 'id_tail', tail: compact.toUpperCase() };
  if (/^[a-zA-Z]+$/.test(compact)) return { kind: 'letters', letters: compact };
  if (HAN.test(q)) return { kind: 'chinese', text: q };
  return { kind: 'other', text: q };
}

/** The smallest string greater than every string starting with `prefix` (for `>= ? AND < ?`). */
export function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}
