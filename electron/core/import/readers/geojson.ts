// GeoJSON grids: a FeatureCollection whose features' properties are the columns and whose
// geometry is carried as one more cell, GEOMETRY_HEADER.
import fs from 'node:fs/promises';
import { FileError } from '../sniff.js';
import type { RecordReader } from './types.js';

export const GEOMETRY_HEADER = '__geometry__';
const MAX_GEOJSON_BYTES = 512 * 1024 * 1024;

interface Feature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

export async function openGeojson(path: string, size: number): Promise<RecordReader> {
  if (size > MAX_GEOJSON_BYTES) throw new FileError('GeoJSON 文件超过 512 MiB');
  let doc: { type?: string; features?: Feature[] };
  try {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(await fs.readFile(path));
    doc = JSON.parse(text);
  } catch (e) {
    throw new FileError(`不是有效的 GeoJSON（${e instanceof Error ? e.message : e}）`);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new FileError('GeoJSON 应为 FeatureCollection');
  }
  const features = doc.features;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    for (const k of Object.keys(f?.properties ?? {})) if (!seen.has(k)) (seen.add(k), keys.push(k));
  }
  const header = [...keys, GEOMETRY_HEADER];
  return {
    header,
    headerRow: 0,
    encoding: 'geojson',
    bytesTotal: size,
    async read(onRecord, onProgress) {
      features.forEach((f, i) => {
        const p = f?.properties ?? {};
        const cells = keys.map((k) => (p[k] === null || p[k] === undefined ? '' : String(p[k]).trim()));
        cells.push(f?.geometry ? JSON.stringify(f.geometry) : '');
        onRecord(cells, i + 1); // row = feature number
      });
      onProgress?.(size);
    },
  };
}
