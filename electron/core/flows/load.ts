// Reading flow models: JSON or YAML, checked against the schema, node ids and renderer testids.
// Every message names the file and, where there is one, the node.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { modelSchema, ROLE_ICON, type FlowModel } from './model.js';
import { declares, type TestIds } from './testids.js';
import type { Digraph } from './graph.js';
import { reach } from './cover.js';
import { NO_PATH } from './graph.js';

export class FlowModelError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FlowModelError';
  }
}

export interface LoadedModel {
  file: string;
  model: FlowModel;
  /** node ids in declaration order; index = node index of the graph */
  ids: string[];
  graph: Digraph;
  /** not errors: nodes no start reaches, nodes no end is reachable from, nodes in no set */
  warnings: string[];
}

const MODEL_EXT = /\.(json|ya?ml)$/i;

export function modelFiles(fileOrDir: string): string[] {
  const st = fs.statSync(fileOrDir, { throwIfNoEntry: false });
  if (!st) throw new Error(`找不到模型 / no such model file or folder: ${fileOrDir}`);
  if (st.isFile()) return [fileOrDir];
  const files = fs
    .readdirSync(fileOrDir)
    .filter((f) => MODEL_EXT.test(f))
    .sort()
    .map((f) => path.join(fileOrDir, f));
  if (!files.length) throw new Error(`${fileOrDir}: 没有 .json / .yaml 模型 / holds no .json or .yaml model`);
  return files;
}

function parseText(file: string, text: string): unknown {
  if (/\.ya?ml$/i.test(file)) {
    try {
      return parseYaml(text, { prettyErrors: true });
    } catch (e) {
      throw new FlowModelError([`${file}: not valid YAML: ${(e as Error).message}`]);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FlowModelError([`${file}: not valid JSON: ${(e as Error).message}`]);
  }
}

/** "node \"user\" (op)" for nodes.user.op, else the dotted path. */
function where(p: PropertyKey[]): string {
  if (p[0] === 'nodes' && p.length >= 2) {
    const field = p.slice(2).map(String).join('.');
    return `node "${String(p[1])}"${field ? ` (${field})` : ''}`;
  }
  return p.length ? p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') : 'model';
}

export function loadModel(file: string, testIds: TestIds, text = fs.readFileSync(file, 'utf8')): LoadedModel {
  const raw = parseText(file, text);
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) throw new FlowModelError(parsed.error.issues.map((i) => `${file}: ${where(i.path)}: ${i.message}`));
  const model = parsed.data;
  const problems: string[] = [];
  const ids = Object.keys(model.nodes);
  const index = new Map(ids.map((id, i) => [id, i]));

  for (const [id, node] of Object.entries(model.nodes)) {
    // a role icon names a library-built element (checked by the schema), not a testid
    if (!ROLE_ICON.test(node.icon) && !declares(testIds, node.icon)) {
      problems.push(`${file}: node "${id}": icon "${node.icon}" is not a data-testid of any renderer .vue file`);
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  const seen = new Set<string>();
  const used = new Set<string>();
  const edge = (a: string, b: string, at: string) => {
    let bad = false;
    for (const x of [a, b]) {
      if (!index.has(x)) {
        problems.push(`${file}: ${at}: unknown node id "${x}"`);
        bad = true;
      }
    }
    if (bad) return;
    used.add(a).add(b);
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) return;
    seen.add(key);
    from.push(index.get(a)!);
    to.push(index.get(b)!);
  };
  model.sets.forEach((set, s) => {
    for (let k = 0; k + 1 < set.length; k++) edge(set[k], set[k + 1], `sets[${s}][${k}→${k + 1}]`);
  });
  model.edges.forEach(([a, b], k) => edge(a, b, `edges[${k}]`));

  const starts = ids.flatMap((id, i) => (model.nodes[id].type === 'start' ? [i] : []));
  const ends = ids.flatMap((id, i) => (model.nodes[id].type === 'end' ? [i] : []));
  if (!starts.length) problems.push(`${file}: no node has type "start"`);
  if (!ends.length) problems.push(`${file}: no node has type "end"`);
  if (problems.length) throw new FlowModelError(problems);

  const graph: Digraph = { n: ids.length, from, to, starts, ends };
  const r = reach(graph);
  const warnings: string[] = [];
  ids.forEach((id, i) => {
    if (!used.has(id) && model.nodes[id].type !== 'start') warnings.push(`${file}: node "${id}" is in no operation set or edge`);
    else if (r.fromStart.dist[i] === NO_PATH) warnings.push(`${file}: node "${id}": no start reaches it`);
    else if (r.toEnd.dist[i] === NO_PATH) warnings.push(`${file}: node "${id}": no end can be reached from it`);
  });
  return { file, model, ids, graph, warnings };
}

/** Every model of a file or folder; all problems of all files are reported together. */
export function loadModels(fileOrDir: string, testIds: TestIds): LoadedModel[] {
  const out: LoadedModel[] = [];
  const problems: string[] = [];
  for (const f of modelFiles(fileOrDir)) {
    try {
      out.push(loadModel(f, testIds));
    } catch (e) {
      if (e instanceof FlowModelError) problems.push(...e.problems);
      else throw e;
    }
  }
  const flows = new Map<string, string>();
  for (const m of out) {
    const prior = flows.get(m.model.flow);
    if (prior) problems.push(`${m.file}: flow "${m.model.flow}" is also the flow of ${prior}`);
    flows.set(m.model.flow, m.file);
  }
  if (problems.length) throw new FlowModelError(problems);
  return out;
}
