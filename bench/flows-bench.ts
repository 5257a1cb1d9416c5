// Flow test paths benchmark: random models of 200, 1,000 and 5,000 nodes (about 3 edges per node,
// mostly forward with loops back and a few self-loops, a few starts and dozens of ends). For each:
// the generator's time, its number of paths against the minimum flow, total steps, and the same
// figures for two baselines computed in the same run: a shortest start→end path through each
// edge, and one through each node (what shortest-path generators such as XState's give).
// Figures are printed, never asserted (goal: < 1 s at 1,000 nodes, < 5 s at 5,000).
import { performance } from 'node:perf_hooks';
import { reach } from '../electron/core/flows/cover.js';
import { NO_PATH, type Digraph } from '../electron/core/flows/graph.js';
import { generatePaths } from '../electron/core/flows/paths.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A screen-flow-like random model: nodes in order, edges mostly a short way forward. */
export function randomModel(n: number, seed: number): Digraph {
  const rnd = prng(seed);
  const from: number[] = [];
  const to: number[] = [];
  const seen = new Set<number>();
  const add = (u: number, v: number) => {
    if (v < 0 || v >= n || seen.has(u * n + v)) return;
    seen.add(u * n + v);
    from.push(u);
    to.push(v);
  };
  const window = 12;
  for (let u = 0; u < n; u++) {
    for (let k = 0; k < 3; k++) {
      const r = rnd();
      if (r < 0.01) add(u, u); // self-loop
      else if (r < 0.09) add(u, u - 1 - Math.floor(rnd() * window)); // back: a loop
      else add(u, u + 1 + Math.floor(rnd() * window));
    }
  }
  const startCount = Math.max(3, Math.round(n / 400));
  const starts = Array.from({ length: startCount }, (_, i) => Math.floor((i * n) / (10 * startCount))); // in the first tenth
  const endCount = Math.min(24 + Math.floor(n / 125), 80);
  const ends = new Set<number>([n - 1]);
  while (ends.size < endCount) ends.add(Math.floor(n * 0.2 + rnd() * n * 0.8));
  return { n, from, to, starts: [...new Set(starts)], ends: [...ends].sort((a, b) => a - b) };
}

interface Figures {
  paths: number;
  steps: number;
  edgesCovered: number;
  ms: number;
}

/** Shortest start→end walk through each edge ('edge') or each node ('node'), duplicates dropped. */
function baseline(g: Digraph, per: 'edge' | 'node'): Figures {
  const t0 = performance.now();
  const r = reach(g);
  const lead = (v: number) => {
    const nodes: number[] = [];
    for (let u = v; r.fromStart.via[u] !== -1; ) nodes.push((u = g.from[r.fromStart.via[u]]));
    return nodes.reverse();
  };
  const trail = (v: number) => {
    const nodes: number[] = [];
    for (let u = v; r.toEnd.via[u] !== -1; ) nodes.push((u = g.to[r.toEnd.via[u]]));
    return nodes;
  };
  const walks = new Map<string, number[]>();
  const ok = (v: number) => r.fromStart.dist[v] !== NO_PATH && r.toEnd.dist[v] !== NO_PATH;
  if (per === 'edge') {
    for (let e = 0; e < g.from.length; e++) {
      if (r.fromStart.dist[g.from[e]] === NO_PATH || r.toEnd.dist[g.to[e]] === NO_PATH) continue;
      const w = [...lead(g.from[e]), g.from[e], g.to[e], ...trail(g.to[e])];
      walks.set(w.join(','), w);
    }
  } else {
    for (let v = 0; v < g.n; v++) {
      if (!ok(v)) continue;
      const w = [...lead(v), v, ...trail(v)];
      walks.set(w.join(','), w);
    }
  }
  const ms = performance.now() - t0;
  return { ...tally(g, [...walks.values()]), ms };
}

function tally(g: Digraph, walks: number[][]): Omit<Figures, 'ms'> {
  const edges = new Set<number>();
  let steps = 0;
  for (const w of walks) {
    steps += w.length;
    for (let i = 0; i + 1 < w.length; i++) edges.add(w[i] * g.n + w[i + 1]);
  }
  return { paths: walks.length, steps, edgesCovered: edges.size };
}

const fmt = (x: number) => x.toLocaleString('en-US');

export async function runFlowsBench(): Promise<void> {
  console.log('\n## Flow test paths (electron/core/flows): random models, ~3 edges per node');
  for (const n of [200, 1000, 5000]) {
    const g = randomModel(n, 20250 + n);
    const r = reach(g);
    let coverable = 0;
    for (let e = 0; e < g.from.length; e++) if (r.fromStart.dist[g.from[e]] !== NO_PATH && r.toEnd.dist[g.to[e]] !== NO_PATH) coverable++;
    generatePaths(g); // warm-up: the JIT, so the figure is the algorithm's
    const times: number[] = [];
    let res = generatePaths(g);
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      res = generatePaths(g);
      times.push(performance.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[1]; // median of 3: the machine is shared
    const ours = { ...tally(g, res.walks), ms };
    const perEdge = baseline(g, 'edge');
    const perNode = baseline(g, 'node');
    console.log(
      `\n${fmt(n)} nodes, ${fmt(g.from.length)} edges (${fmt(coverable)} on some start→end path), ${g.starts.length} starts, ${g.ends.length} ends`,
    );
    const row = (name: string, f: Figures) =>
      console.log(
        `  ${name.padEnd(26)} ${f.ms.toFixed(0).padStart(6)} ms  ${fmt(f.paths).padStart(6)} paths  ${fmt(f.steps).padStart(9)} steps  ` +
          `edges ${fmt(f.edgesCovered)}/${fmt(coverable)} (${((100 * f.edgesCovered) / Math.max(coverable, 1)).toFixed(1)}%)`,
      );
    row('min-flow (ours)', ours);
    console.log(`  ${''.padEnd(26)} paths vs minimum: ${res.walks.length} / ${res.minimum}${res.walks.length === res.minimum ? ' (equal)' : ' (NOT EQUAL)'}`);
    row('shortest path per edge', perEdge);
    row('shortest path per node', perNode);
  }
}
