// Money on the way out: the core keeps integer 分; these turn it into 元 and rescale it exactly.
// Shared by the renderer (display text: renderer/format.ts) and the core (figures, exports).
// Parsing imported amounts is the importer's business, not this module's.

/**
 * 分 → 元. Dividing an exact integer by 100 gives the double nearest the 2-decimal value, which
 * prints as that value while it has at most 15 significant digits (|fen| < 10^15, i.e. below
 * 10 万亿元: far above any branch or bank total).
 */
export function fenToYuan(fen: number | bigint): number {
  if (typeof fen === 'number' && !Number.isInteger(fen)) throw new RangeError(`分 must be an integer: ${fen}`);
  return Number(fen) / 100;
}

/** 元 (at most 2 meaningful decimals) → 分 as bigint, for exact rescaling. */
export function yuanToFen(yuan: number): bigint {
  return BigInt(Math.round(yuan * 100));
}

/** n / d rounded half away from zero (四舍五入), d ≠ 0, exact on bigints. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}
