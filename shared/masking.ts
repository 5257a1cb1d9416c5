// Personal data as shown by default in views and exports (DESIGN.md: masked unless revealed).
// Used by both core and renderer, so no Node imports. Every function keeps null as null.

// Chinese names are strings of code points, not UTF-16 units: split with the iterator so a rare
// character outside the BMP (e.g. 𠈌) is never cut in half.
const chars = (s: string): string[] => Array.from(s);

// An organisation's name rather than a person's: 泉州某某贸易有限公司, 某某商店, 某某合作社.
const ORG_WORDS = /(公司|有限|集团|合作社|工作室|中心|商行|商店|超市|药店|饭店|酒店|厂|店|部|行|所|社|馆|场|院|会|站|坊)$|公司|有限|集团/;

export function isOrgName(name: string): boolean {
  return ORG_WORDS.test(name) || chars(name).length > 6;
}

/**
 * 张秀英→张*英, 张三→张*, 欧阳小明→欧**明; an organisation keeps its first 2 and last 4
 * characters (泉州某某贸易有限公司→泉州****有限公司), fewer on short names so at least one
 * character is always hidden. Not exported: a customer's name is masked by its type
 * (maskCustomerName), so the same customer never shows two different masks.
 */
function maskNameAs(name: string | null | undefined, kind: 'person' | 'org' | undefined): string | null {
  if (name === null || name === undefined) return null;
  const c = chars(name.trim());
  const n = c.length;
  if (n === 0) return '';
  if (n === 1) return '*';
  if (n === 2) return c[0] + '*';
  if ((kind ?? (isOrgName(name) ? 'org' : 'person')) === 'org') {
    // keep 2 + 4 only when at least two characters remain hidden
    const head = n >= 8 ? 2 : 1;
    const tail = n >= 8 ? 4 : Math.max(1, Math.min(2, n - head - 2));
    return c.slice(0, head).join('') + '*'.repeat(n - head - tail) + c.slice(n - tail).join('');
  }
  return c[0] + '*'.repeat(n - 2) + c[n - 1];
}

/** 13800000001→138****0001; other lengths keep the first 3 and last 4 when enough is left hidden. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const p = phone.trim();
  if (p.length >= 11) return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
  if (p.length >= 7) return p.slice(0, 2) + '*'.repeat(p.length - 6) + p.slice(-4);
  return '*'.repeat(p.length);
}

/** 350502199001011234→350502********1234: region kept, birth date and sequence hidden. */
export function maskIdNo(idNo: string | null | undefined): string | null {
  if (idNo === null || idNo === undefined) return null;
  const s = idNo.trim();
  if (s.length >= 15) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length > 4) return '*'.repeat(s.length - 4) + s.slice(-4);
  return '*'.repeat(s.length);
}

/** First 6 characters and ****: enough to know the town, not the door. */
export function maskAddress(address: string | null | undefined): string | null {
  if (address === null || address === undefined) return null;
  const c = chars(address.trim());
  return c.slice(0, 6).join('') + '****';
}

/** 1990-01-01→1990: the year only, for ages without the birthday. */
export function maskBirthDate(date: string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  return date.slice(0, 4);
}

/**
 * THE masking of a name, wherever one is shown masked (360, quick check, search, gap list, export,
 * import issues): by the customer's 客户类型 — 个人 as a person, 个体工商户/小微企业 as a business —
 * and by the look of the name when the type is unknown (pass null: a referral's other party, a
 * name in an import file).
 */
export function maskCustomerName(name: string | null | undefined, custType: string | null | undefined): string | null {
  const kind = custType === '个人' ? 'person' : custType === '个体工商户' || custType === '小微企业' ? 'org' : undefined;
  return maskNameAs(name, kind);
}
