// The grid layer's colour scale: a sequential ramp over class breaks taken from the values drawn,
// so the legend and the fills agree. Pure (no Leaflet): unit-tested.

/** light to dark blue-green: 5 classes, readable on the light district fill */
export const RAMP = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;
/** a grid whose value is not computable (no 户数 for coverage) */
export const NO_VALUE = '#d9d9d9';

/**
 * Up to RAMP.length classes by quantiles of the distinct non-null values: breaks[i] is the lowest
 * value of class i. Fewer distinct values than classes give one class each (no empty class).
 */
export function quantileBreaks(values: Array<number | null>, classes = RAMP.length): number[] {
  const v = [...new Set(values.filter((x): x is number => x !== null && Number.isFinite(x)))].sort((a, b) => a - b);
  if (v.length <= classes) return v;
  const out: number[] = [];
  for (let i = 0; i < classes; i++) {
    const b = v[Math.floor((i * v.length) / classes)];
    if (out[out.length - 1] !== b) out.push(b);
  }
  return out;
}

/** The class of a value: the last break not above it (0 below the first). */
export function classOf(value: number, breaks: number[]): number {
  let c = 0;
  for (let i = 0; i < breaks.length; i++) if (value >= breaks[i]) c = i;
  return c;
}

/** The fill of a value; with fewer breaks than ramp colours, the classes spread over the whole ramp. */
export function colourOf(value: number | null, breaks: number[]): string {
  if (value === null || !Number.isFinite(value) || breaks.length === 0) return NO_VALUE;
  return rampColour(classOf(value, breaks), breaks.length);
}

export function rampColour(cls: number, n: number): string {
  if (n <= 1) return RAMP[RAMP.length - 1];
  return RAMP[Math.round((cls * (RAMP.length - 1)) / (n - 1))];
}

/** Marker colours of the points layer, by class: star 0–5, gaps 0–18 (bucketed), merchants 0–2. */
export const STAR_COLOURS = ['#9e9e9e', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];
export const GAP_BUCKETS = [0, 4, 8, 12, 16] as const;
export const GAP_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];
export const MERCHANT_COLOURS = ['#8c6bb1', '#3182bd', '#08519c'];
export const VISIT_COLOURS = ['#f39c12', '#27ae60', '#7f8c8d', '#c0392b'];
export const VISIT_UNKNOWN = '#34495e';

export function gapBucket(gaps: number): number {
  let b = 0;
  for (let i = 0; i < GAP_BUCKETS.length; i++) if (gaps >= GAP_BUCKETS[i]) b = i;
  return b;
}

/** The colour of a point's class (a cluster passes the mean class of its points, rounded). */
export function pointColour(kind: 'customer' | 'merchant', colour: 'star' | 'gaps', cls: number): string {
  if (kind === 'merchant') return MERCHANT_COLOURS[Math.max(0, Math.min(2, Math.round(cls)))];
  if (colour === 'gaps') return GAP_COLOURS[gapBucket(Math.round(cls))];
  return STAR_COLOURS[Math.max(0, Math.min(5, Math.round(cls)))];
}
