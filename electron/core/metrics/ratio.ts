// Ratios leave the core unrounded (DATA.md: "Ratios are fractions, unrounded in JSON; null where
// the denominator is 0"); the screens, exports and the CLI's text round them for display only.
// Numerator and denominator are exact integers (分 or counts), so the quotient is taken once, as
// the nearest double to the true fraction.

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** num / den as the nearest double; null when den = 0. */
export function ratio(num: bigint | number, den: bigint | number): number | null {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) return null;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  // both exact as doubles: one IEEE division rounds the true quotient correctly
  if (abs(n) <= SAFE && abs(d) <= SAFE) return Number(n) / Number(d);
  // beyond 2^53 分 (9e13 元, never seen in a branch): keep 64 bits of the quotient in BigInt
  const shift = 64n;
  return Number((n << shift) / d) / 2 ** 64;
}
