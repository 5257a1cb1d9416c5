// Chinese identity numbers: the 18-digit 居民身份证 (GB 11643) and the 统一社会信用代码 (GB 32100).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** region (6 digits) + birth (YYYYMMDD) + sequence (3 digits; odd last digit = male) + check */
export function makeIdNo(region: string, birthDate: string, seq: number): string {
  const first17 = region + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}

/** the same number with a check character that is certainly wrong */
export function breakCheckDigit(idNo: string): string {
  const good = idNo[17];
  const wrong = good === '0' ? '1' : good === 'X' ? '0' : String((+good + 1) % 10);
  return idNo.slice(0, 17) + wrong;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码: kind ('91' enterprise, '92' 个体工商户) + region + 9-char org code + check character */
export function makeUscc(kind: '91' | '92', region: string, orgCode9: string): string {
  const body = kind + region + orgCode9;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Luhn check digit, as card numbers carry */
export function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = partial.charCodeAt(partial.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return partial + String((10 - (sum % 10)) % 10);
}
