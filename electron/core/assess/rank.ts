// Ranks among peers: 1 for the best, ties share a rank and the next rank skips (1, 1, 3), an
// object without a value (null) comes after every one with a value, all of them sharing that rank.
//
// Totals and scores are unrounded sums of fractions, so two sheets that are equal on paper can
// differ in the last bits (the same points summed in another order): values within 1e-9 of each
// other (relative to their size, at least 1) are a tie.

const EPS = 1e-9;

export function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Rank of each item, in the items' order; `lowerIsBetter` turns the order. */
export function ranks(values: readonly (number | null)[], lowerIsBetter = false): number[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => (lowerIsBetter ? a.v - b.v : b.v - a.v));
  const out = new Array<number>(values.length).fill(order.length + 1);
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || !same(order[k].v, order[k - 1].v)) rank = k + 1;
    out[order[k].i] = rank;
  }
  return out;
}
