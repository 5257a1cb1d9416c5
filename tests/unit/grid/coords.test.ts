// Coordinate systems: gcoord's conversions checked against the published GCJ-02 formula written
// out independently here, and known points given in each of the three systems landing in the right
// district of the bundled base map (GCJ-02) once converted.
import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BUNDLED_BASE_SYSTEM, convertPoint, systemOfCrs } from '../../../electron/core/grid/coords.js';
import type { CoordSystem } from '../../../shared/grid.js';
import { gcjFromWgs } from './gcj-formula.js';

const base = JSON.parse(fs.readFileSync('seeds/data/quanzhou-districts.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
const districtAt = (p: [number, number]) => base.features.find((f: Feature<Polygon | MultiPolygon, { name: string }>) => booleanPointInPolygon(p, f))?.properties.name ?? null;

// BD-09 from GCJ-02 as published by Baidu's developers (x_pi = π × 3000 / 180)
function bdFromGcj([lng, lat]: [number, number]): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const t = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi);
  return [z * Math.cos(t) + 0.0065, z * Math.sin(t) + 0.006];
}

describe('conversions', () => {
  it('WGS-84 → GCJ-02 and → BD-09 match the published formulas; back again within a metre', () => {
    const p: [number, number] = [118.6, 24.9];
    const g = convertPoint(p, 'WGS84', 'GCJ02');
    const mine = gcjFromWgs(p);
    expect(Math.abs(g[0] - mine[0])).toBeLessThan(1e-9);
    expect(Math.abs(g[1] - mine[1])).toBeLessThan(1e-9);
    const b = convertPoint(p, 'WGS84', 'BD09');
    const bd = bdFromGcj(mine);
    expect(Math.abs(b[0] - bd[0])).toBeLessThan(1e-9);
    expect(Math.abs(b[1] - bd[1])).toBeLessThan(1e-9);
    const back = convertPoint(b, 'BD09', 'WGS84');
    expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-5); // 1e-5° ≈ 1 m
    expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-5);
  });

  it('reads a GeoJSON crs member, and leaves unknown names to the caller', () => {
    expect(systemOfCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } })).toBe('WGS84');
    expect(systemOfCrs({ type: 'name', properties: { name: 'GCJ02' } })).toBe('GCJ02');
    expect(systemOfCrs({ type: 'name', properties: { name: 'BD09' } })).toBe('BD09');
    expect(systemOfCrs({ type: 'name', properties: { name: 'EPSG:3857' } })).toBeNull();
    expect(systemOfCrs(undefined)).toBeNull();
  });
});

describe('known points in each system land in the right district of the bundled map', () => {
  expect(BUNDLED_BASE_SYSTEM).toBe('GCJ02');
  // Approximate WGS-84 positions (from memory of the towns, not surveyed) of places well inside a
  // district, so that any of the three readings lands there: 丰泽区 near its government on 丰泽街,
  // central 青阳 in 晋江, 浔中 in 德化. The near-border case below is where the system matters.
  const cases: Array<[string, [number, number]]> = [
    ['丰泽区', [118.6045, 24.8935]],
    ['晋江市', [118.577, 24.808]],
    ['德化县', [118.242, 25.489]],
  ];
  for (const [district, wgs] of cases) {
    it(`${district}: given in WGS-84, GCJ-02 and BD-09`, () => {
      const given: Record<CoordSystem, [number, number]> = {
        WGS84: wgs,
        GCJ02: gcjFromWgs(wgs),
        BD09: bdFromGcj(gcjFromWgs(wgs)),
      };
      for (const sys of ['WGS84', 'GCJ02', 'BD09'] as const) {
        expect(districtAt(convertPoint(given[sys], sys, BUNDLED_BASE_SYSTEM)), sys).toBe(district);
      }
    });
  }

  it('a point near a border: converted, it lands on its side; given BD-09 and not converted, it would not', () => {
    // a point 150 m inside 晋江 from its border with 石狮 (found on the file's own border, in GCJ-02),
    // given as BD-09: about 1.2 km off if read as GCJ-02 unconverted
    const border = nearBorderPoint('晋江市', '石狮市');
    const bd = bdFromGcj(border);
    expect(districtAt(convertPoint(bd, 'BD09', 'GCJ02'))).toBe('晋江市');
    expect(districtAt(bd)).not.toBe('晋江市');
  });
});

/** A point of district a, 150 m (west-east step) inside it from where the file's a meets b along a row. */
function nearBorderPoint(a: string, b: string): [number, number] {
  const step = 0.0001;
  for (let lat = 24.7; lat < 24.85; lat += 0.005) {
    for (let lng = 118.55; lng < 118.75; lng += step) {
      if (districtAt([lng, lat]) === a && districtAt([lng + step, lat]) === b) {
        const inside: [number, number] = [lng - 0.0015, lat];
        // the BD-09 shift (≈ +0.011° east, +0.003° north) must carry it out of a
        if (districtAt(inside) === a && districtAt(bdFromGcj(inside)) !== a) return inside;
      }
    }
  }
  throw new Error(`no border point found between ${a} and ${b}`);
}
