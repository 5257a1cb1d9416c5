// The grid map's colour scale and label placement (renderer/components/map/scale.ts, geo.ts).
import { describe, expect, it } from 'vitest';
import { NO_VALUE, RAMP, classOf, colourOf, gapBucket, pointColour, quantileBreaks, rampColour, GAP_COLOURS, STAR_COLOURS } from '../../../renderer/components/map/scale.js';
import { baseLabelPoints, districtName, labelPoint } from '../../../renderer/components/map/geo.js';

describe('quantileBreaks', () => {
  it('takes one class per distinct value when there are fewer than the classes', () => {
    // distinct non-null values 0.1, 0.5, 0.9 sorted; null and NaN are skipped
    expect(quantileBreaks([0.5, null, 0.1, 0.9, 0.5, Number.NaN])).toEqual([0.1, 0.5, 0.9]);
  });
  it('cuts ten values into five classes at every second one', () => {
    // values 1..10: class i starts at v[floor(i*10/5)] = v[0], v[2], v[4], v[6], v[8] = 1, 3, 5, 7, 9
    expect(quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([1, 3, 5, 7, 9]);
  });
  it('has no breaks without a value', () => {
    expect(quantileBreaks([null, null])).toEqual([]);
  });
});

describe('colours', () => {
  const breaks = [1, 3, 5, 7, 9];
  it('puts a value in the last class whose break it reaches', () => {
    expect(classOf(0, breaks)).toBe(0); // below the first: the first class
    expect(classOf(3, breaks)).toBe(1);
    expect(classOf(4.99, breaks)).toBe(1);
    expect(classOf(100, breaks)).toBe(4);
  });
  it('fills by the ramp, grey without a value', () => {
    expect(colourOf(9, breaks)).toBe(RAMP[4]);
    expect(colourOf(1, breaks)).toBe(RAMP[0]);
    expect(colourOf(null, breaks)).toBe(NO_VALUE);
    expect(colourOf(5, [])).toBe(NO_VALUE);
  });
  it('spreads two classes to both ends of the ramp', () => {
    expect(rampColour(0, 2)).toBe(RAMP[0]);
    expect(rampColour(1, 2)).toBe(RAMP[4]);
    expect(rampColour(0, 1)).toBe(RAMP[4]);
  });
  it('colours points by star, by gap bucket and merchants by class', () => {
    expect(pointColour('customer', 'star', 3)).toBe(STAR_COLOURS[3]);
    expect(pointColour('customer', 'star', 9)).toBe(STAR_COLOURS[5]); // clamped
    // buckets start at 0, 4, 8, 12, 16 gaps: 7 → bucket 1, 18 → bucket 4
    expect(gapBucket(7)).toBe(1);
    expect(gapBucket(18)).toBe(4);
    expect(pointColour('customer', 'gaps', 12)).toBe(GAP_COLOURS[3]);
  });
});

describe('labels of the base layer', () => {
  it('names a feature by its usual name property', () => {
    expect(districtName({ name: ' 鲤城区 ' })).toBe('鲤城区');
    expect(districtName({ NAME: 'Licheng' })).toBe('Licheng');
    expect(districtName({ code: 1 })).toBeNull();
  });
  it('places a square’s label at its centre and a multipolygon’s on its largest part', () => {
    // unit square (0,0)–(2,2): centroid (1,1)
    const sq = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    expect(labelPoint(sq)).toEqual({ lng: 1, lat: 1 });
    // a small island (area 1) and a big square (area 16) centred at (12,12): the label goes to the big one
    const multi = {
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[10, 10], [14, 10], [14, 14], [10, 14], [10, 10]]]],
    };
    expect(labelPoint(multi)).toEqual({ lng: 12, lat: 12 });
    const fc = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { name: 'A' }, geometry: sq }, { type: 'Feature' as const, properties: {}, geometry: sq }] };
    expect(baseLabelPoints(fc)).toEqual([{ name: 'A', lng: 1, lat: 1 }]);
  });
});
