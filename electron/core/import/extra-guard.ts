// Columns an import keeps aside ("extra") are stored as the file wrote them, and files from the
// data platform carry spare columns such as 备用卡号, 配偶身份证 or 紧急联系电话 that no dataset
// knows. The importer must not turn those into clear personal numbers in the database, so every
// kept-aside value passes through here first: a card number, an 18-digit 身份证 or a mobile
// number found in it (alone or inside text) is replaced by its masked form. Extra values are
// never keys, so masking (not a keyed hash) is enough: nothing needs to match them later.
import { maskIdNo, maskPhone } from '../../../shared/masking.js';
import { maskCardNo } from './card-number.js';
import { idCheckDigitOk } from './values.js';

export type PersonalNumberKind = 'card_no' | 'id_no' | 'phone';

/** The Luhn check every payment card number passes (ISO/IEC 7812). */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** 6 digits of region, then a birth date that exists (1900–2099): an ID number whose check
 *  digit was mistyped is still somebody's ID number. */
function birthDateShaped(d: string): boolean {
  if (!/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4}$/.test(d)) return false;
  const y = +d.slice(6, 10);
  const m = +d.slice(10, 12);
  const day = +d.slice(12, 14);
  return new Date(Date.UTC(y, m - 1, day)).getUTCDate() === day;
}

/**
 * What a run of digits (an 18th character may be X) is, or null: an 18-digit 身份证 (valid check
 * digit, the 17-digit+X shape, or a real birth date in place), a mobile number (11 digits starting
 * with 1, or the same after 86), a card number (13–19 digits passing Luhn).
 */
export function personalNumberKind(digits: string): PersonalNumberKind | null {
  if (/^\d{17}[Xx]$/.test(digits)) return 'id_no';
  if (/^\d{18}$/.test(digits) && (idCheckDigitOk(digits) || birthDateShaped(digits))) return 'id_no';
  if (/^(86)?1\d{10}$/.test(digits)) return 'phone';
  if (/^\d{13,19}$/.test(digits) && luhnOk(digits)) return 'card_no';
  return null;
}

function masked(digits: string, kind: PersonalNumberKind): string {
  if (kind === 'card_no') return maskCardNo(digits);
  if (kind === 'id_no') return maskIdNo(digits)!;
  return maskPhone(digits)!;
}

// A run of digits in which single spaces or hyphens may group them (6230 1234 5678 9012,
// 138-0000-0001), with an optional leading + and a trailing X (身份证).
const RUN = /\+?\d(?:\d|[ -](?=\d))*[Xx]?/g;

/** The text with every personal number in it masked; anything else is left as written. */
export function maskPersonalNumbers(text: string): string {
  // cheap way out for the usual value: fewer than 11 digits in a row once groupings are closed up
  if (!/\d{11}/.test(text.replace(/[ +-]/g, ''))) return text;
  return text.replace(RUN, (run) => {
    // each group on its own first (a date beside a phone number is two things), then the whole
    // run (a card written 6230 1234 5678 9012, a phone 138-0000-0001)
    let found = false;
    const byGroup = run.replace(/\d+[Xx]?/g, (part) => {
      const k = personalNumberKind(part);
      if (!k) return part;
      found = true;
      return masked(part, k);
    });
    if (found) return byGroup;
    const whole = run.replace(/[^\dXx]/g, '');
    const kind = personalNumberKind(whole);
    return kind ? (run.startsWith('+') ? '+' : '') + masked(whole, kind) : run;
  });
}

/** The kept-aside columns of one row, with personal numbers masked (see the file comment). */
export function guardExtra(extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) out[k] = maskPersonalNumbers(v);
  return out;
}
