// --max-steps K: a walk longer than K event nodes is cut into windows, and each window is made a
// start→end walk again by the shortest way in from a start and out to an end. Consecutive windows
// overlap so that nothing the walk covered is lost: by one node for edges (the edge across the
// cut is in the next window), by two for edge pairs, by none for nodes.
import type { Digraph } from './graph.js';
import { NO_PATH } from './graph.js';
import type { Reach } from './cover.js';

export type Unit = 'edges' | 'nodes' | 'pairs';

const overlapOf: Record<Unit, number> = { nodes: 0, edges: 1, pairs: 2 };

function inFrom(g: Digraph, r: Reach, v: number): number[] {
  const nodes: number[] = [];
  for (let u = v; r.fromStart.via[u] !== -1; ) {
    u = g.from[r.fromStart.via[u]];
    nodes.push(u);
  }
  return nodes.reverse(); // start … (not v)
}

function outTo(g: Digraph, r: Reach, v: number): number[] {
  const nodes: number[] = [];
  for (let u = v; r.toEnd.via[u] !== -1; ) {
    u = g.to[r.toEnd.via[u]];
    nodes.push(u);
  }
  return nodes; // (not v) … end
}

export function splitWalks(g: Digraph, r: Reach, walks: number[][], maxSteps: number, unit: Unit): number[][] {
  const o = overlapOf[unit];
  const out: number[][] = [];
  for (const w of walks) {
    if (w.length <= maxSteps) {
      out.push(w);
      continue;
    }
    let i = 0;
    while (i + o < w.length) {
      const lead = r.fromStart.dist[w[i]];
      let best = -1;
      // the window w[i..j] must hold at least one unit: j ≥ i + o
      for (let j = i + o; j < w.length && lead + (j - i) + 1 <= maxSteps; j++) {
        const tail = r.toEnd.dist[w[j]];
        if (tail !== NO_PATH && lead + (j - i) + tail + 1 <= maxSteps) best = j;
      }
      if (best === -1) {
        i++; // the unit starting here fits in no walk of K steps: left uncovered, reported
        continue;
      }
      out.push([...inFrom(g, r, w[i]), ...w.slice(i, best + 1), ...outTo(g, r, w[best])]);
      if (best === w.length - 1) break;
      i = best - o + 1;
    }
  }
  return out;
}
