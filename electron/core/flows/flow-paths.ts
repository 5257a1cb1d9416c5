// A loaded model's test paths by node id, with stable test ids and the coverage report.
import { createHash } from 'node:crypto';
import type { LoadedModel } from './load.js';
import { generatePaths, type CoverMode, type GenerateOptions } from './paths.js';

export interface TestPath {
  /** hash of the flow and its node sequence: stays the same while the path does */
  id: string;
  nodes: string[];
}

export interface CoverageReport {
  flow: string;
  title: string;
  model: string;
  cover: CoverMode;
  maxSteps?: number;
  tests: number;
  /** fewest tests for this coverage (before any --max-steps cut) */
  minimum: number;
  edges: number;
  covered: number;
  uncovered: [string, string, string][];
  /** each edge of the model and the tests walking it */
  byEdge: { from: string; to: string; tests: string[] }[];
  nodes: { total: number; covered: number; uncovered: [string, string][] };
  pairs?: { total: number; covered: number; uncovered: [string, string, string, string][] };
}

export interface FlowPaths {
  flow: string;
  title: string;
  paths: TestPath[];
  coverage: CoverageReport;
}

export function testId(flow: string, nodes: string[]): string {
  return createHash('sha256').update(`${flow}\n${nodes.join('\n')}`).digest('hex').slice(0, 10);
}

export function flowPaths(m: LoadedModel, opts: GenerateOptions = {}): FlowPaths {
  const set = generatePaths(m.graph, opts);
  const { ids, graph } = m;
  const flow = m.model.flow;
  const paths: TestPath[] = [];
  const seen = new Set<string>();
  for (const w of set.walks) {
    const nodes = w.map((v) => ids[v]);
    const id = testId(flow, nodes);
    if (seen.has(id)) continue; // a --max-steps cut can repeat a window
    seen.add(id);
    paths.push({ id, nodes });
  }
  const byKey = new Map<string, string[]>();
  for (const p of paths) {
    for (let i = 0; i + 1 < p.nodes.length; i++) {
      const k = `${p.nodes[i]}\u0000${p.nodes[i + 1]}`;
      const list = byKey.get(k) ?? [];
      if (list[list.length - 1] !== p.id) list.push(p.id);
      byKey.set(k, list);
    }
  }
  const byEdge = graph.from.map((f, e) => {
    const from = ids[f];
    const to = ids[graph.to[e]];
    return { from, to, tests: byKey.get(`${from}\u0000${to}`) ?? [] };
  });
  const coverage: CoverageReport = {
    flow,
    title: m.model.title,
    model: m.file,
    cover: opts.cover ?? 'edges',
    ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
    tests: paths.length,
    minimum: set.minimum,
    edges: graph.from.length,
    covered: graph.from.length - set.uncoveredEdges.length,
    uncovered: set.uncoveredEdges.map(({ edge, reason }) => [ids[graph.from[edge]], ids[graph.to[edge]], reason]),
    byEdge,
    nodes: {
      total: graph.n,
      covered: graph.n - set.uncoveredNodes.length,
      uncovered: set.uncoveredNodes.map(({ node, reason }) => [ids[node], reason]),
    },
  };
  if (set.pairs) {
    coverage.pairs = {
      total: set.pairs.total,
      covered: set.pairs.covered,
      uncovered: set.pairs.uncovered.map(({ pair: [a, b, c], reason }) => [ids[a], ids[b], ids[c], reason]),
    };
  }
  return { flow, title: m.model.title, paths, coverage };
}

/** The readable summary printed by the CLI and, with the tests that passed, after each generated spec file. */
export function coverageSummary(c: CoverageReport, passed?: Set<string>): string[] {
  const lines: string[] = [];
  const run = passed ? c.byEdge.filter((e) => e.tests.some((t) => passed.has(t))) : c.byEdge.filter((e) => e.tests.length);
  lines.push(
    `flow ${c.flow}（${c.title}）: ${passed ? `${passed.size}/${c.tests} tests passed` : `${c.tests} tests`} (minimum ${c.minimum}), ` +
      `edges ${run.length}/${c.edges} ${passed ? 'exercised' : 'covered'}` +
      (c.pairs ? `, edge pairs ${c.pairs.covered}/${c.pairs.total}` : '') +
      (passed ? '' : `, nodes ${c.nodes.covered}/${c.nodes.total}`),
  );
  for (const [a, b, why] of c.uncovered) lines.push(`  not covered: ${a} → ${b} (${why})`);
  if (passed) {
    const missed = c.byEdge.filter((e) => e.tests.length && !run.includes(e));
    if (missed.length) lines.push(`  not exercised (their tests failed or did not run): ${missed.map((e) => `${e.from} → ${e.to}`).join(', ')}`);
  }
  return lines;
}
