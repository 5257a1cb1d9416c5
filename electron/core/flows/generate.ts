// `flows generate`: models → spec files and coverage reports in a folder. Files of the folder that
// carry the generated mark but belong to no model any more are removed, so a deleted model does
// not leave its tests behind.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowPaths, type FlowPaths } from './flow-paths.js';
import { loadModels } from './load.js';
import type { GenerateOptions } from './paths.js';
import { GENERATED_MARK, renderCoverage, renderSpec } from './spec-writer.js';
import { scanTestIds } from './testids.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'renderer');
export const RUNTIME_FILE = path.join(REPO_ROOT, 'tests', 'flows', 'runtime.ts');

const posix = (p: string) => p.split(path.sep).join('/');

export interface GenerateRequest extends GenerateOptions {
  model: string;
  out: string;
  rendererDir?: string;
  /** the runtime's import specifier as written into specs (default: relative to `out`) */
  runtimeImport?: string;
}

export interface GeneratedFiles {
  files: Map<string, string>; // file name in `out` → content
  flows: FlowPaths[];
  warnings: string[];
}

/** Renders everything without touching the disk (the up-to-date test compares this). */
export function renderAll(req: GenerateRequest): GeneratedFiles {
  const ids = scanTestIds(req.rendererDir ?? RENDERER_DIR);
  const models = loadModels(req.model, ids);
  let runtimeImport = req.runtimeImport;
  if (!runtimeImport) {
    runtimeImport = posix(path.relative(path.resolve(req.out), RUNTIME_FILE)).replace(/\.ts$/, '.js');
    if (!runtimeImport.startsWith('.')) runtimeImport = `./${runtimeImport}`;
  }
  const files = new Map<string, string>();
  const flows: FlowPaths[] = [];
  const warnings: string[] = [];
  for (const m of models) {
    const fp = flowPaths(m, req);
    const modelPath = posix(path.relative(REPO_ROOT, path.resolve(m.file)));
    files.set(`${m.model.flow}.spec.ts`, renderSpec(m, fp, { runtimeImport, modelPath }));
    files.set(`${m.model.flow}.coverage.json`, renderCoverage(fp, modelPath));
    flows.push(fp);
    warnings.push(...m.warnings);
  }
  return { files, flows, warnings };
}

export function isGenerated(file: string): boolean {
  if (file.endsWith('.spec.ts')) return fs.readFileSync(file, 'utf8').startsWith(GENERATED_MARK);
  if (file.endsWith('.coverage.json')) return fs.existsSync(file.replace(/\.coverage\.json$/, '.spec.ts')) ? isGenerated(file.replace(/\.coverage\.json$/, '.spec.ts')) : true;
  return false;
}

/**
 * Writes what changed. `prune`: the models were the whole folder, so a generated file no model
 * produces any more is stale and goes; from one model file, the other models' specs stay.
 */
export function writeAll(out: string, g: GeneratedFiles, prune: boolean): { written: string[]; removed: string[] } {
  fs.mkdirSync(out, { recursive: true });
  const removed: string[] = [];
  for (const f of prune ? fs.readdirSync(out).sort() : []) {
    const p = path.join(out, f);
    if (!g.files.has(f) && isGenerated(p)) {
      fs.rmSync(p);
      removed.push(p);
    }
  }
  const written: string[] = [];
  for (const [f, text] of g.files) {
    const p = path.join(out, f);
    if (fs.existsSync(p) && fs.readFileSync(p, 'utf8') === text) continue;
    fs.writeFileSync(p, text);
    written.push(p);
  }
  return { written, removed };
}
