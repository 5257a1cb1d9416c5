// The fewest start→end walks that cover what must be covered: every edge (and/or every node)
// lying on some start→end walk.
//
// A walk passes through the strongly connected components of the graph in topological order, and
// inside one component it can go anywhere and back. So the walks are paths in the condensation:
// a network with a node arc in(c)→out(c) per component and an arc per edge between components.
// Lower bound 1 goes on each edge arc to cover (and on the node arc of a component with an edge
// inside it, or on every node arc when nodes are to be covered); capacities are unbounded. The
// fewest walks is then the minimum s→t flow with those lower bounds: first any feasible flow (the
// classic reduction to a max-flow from a super-source to a super-sink, with t→s closed), then as
// much as possible pushed back from t to s. Both max-flows are Dinic. The flow is decomposed
// into paths, and each path is lifted to a walk in the graph: the first walk through a component
// takes a tour of it (loops and self-loops included), later ones its shortest way across.
import { adjacency, bfs, NO_PATH, scc, type Digraph } from './graph.js';
import { FlowNetwork, INF } from './maxflow.js';
import { shortestWalk, spanningEdges, tour, type CompView } from './tour.js';

export interface CoverNeeds {
  edges: boolean;
  nodes: boolean;
}

export interface Reach {
  /** BFS distance from the nearest start (NO_PATH if none reaches) and the edge it came by */
  fromStart: { dist: Int32Array; via: Int32Array };
  /** BFS distance to the nearest end (NO_PATH if none is reachable) and the edge it leaves by */
  toEnd: { dist: Int32Array; via: Int32Array };
}

export function reach(g: Digraph): Reach {
  const out = adjacency(g.n, g.from);
  const inn = adjacency(g.n, g.to);
  return { fromStart: bfs(g.n, g.starts, out, g.to), toEnd: bfs(g.n, g.ends, inn, g.from) };
}

export interface CoverResult {
  /** node sequences, each from a start to an end */
  walks: number[][];
  /** the minimum flow value (= walks.length) */
  minimum: number;
  reach: Reach;
  coverableEdge: Uint8Array;
  coverableNode: Uint8Array;
}

export function coverWalks(g: Digraph, need: CoverNeeds): CoverResult {
  const { n, from, to } = g;
  const m = from.length;
  const out = adjacency(n, from);
  const inn = adjacency(n, to);
  const r: Reach = { fromStart: bfs(n, g.starts, out, to), toEnd: bfs(n, g.ends, inn, from) };
  const coverableNode = new Uint8Array(n);
  for (let v = 0; v < n; v++) coverableNode[v] = r.fromStart.dist[v] !== NO_PATH && r.toEnd.dist[v] !== NO_PATH ? 1 : 0;
  const coverableEdge = new Uint8Array(m);
  for (let e = 0; e < m; e++) coverableEdge[e] = r.fromStart.dist[from[e]] !== NO_PATH && r.toEnd.dist[to[e]] !== NO_PATH ? 1 : 0;

  // Components of the coverable part only: an edge between two coverable nodes is coverable.
  const hOut = adjacency(n, from, (e) => coverableEdge[e] === 1);
  const hIn = adjacency(n, to, (e) => coverableEdge[e] === 1);
  const { comp, count: C } = scc(n, hOut, to, (v) => coverableNode[v] === 1);
  const internal: number[][] = Array.from({ length: C }, () => []);
  const size = new Int32Array(C);
  for (let v = 0; v < n; v++) if (comp[v] >= 0) size[comp[v]]++;
  for (let e = 0; e < m; e++) if (coverableEdge[e] && comp[from[e]] === comp[to[e]]) internal[comp[from[e]]].push(e);
  const startSet = new Set(g.starts);
  const endSet = new Set(g.ends);

  // The network: in(c) = 2c, out(c) = 2c+1, then s, t and the super-source/sink of the reduction.
  const S = 2 * C;
  const T = S + 1;
  const S2 = S + 2;
  const T2 = S + 3;
  const net = new FlowNetwork(S + 4, C + m + 2 * n + 4);
  const arcs: number[] = []; // arc indices of the network proper, in creation order
  const lower: number[] = [];
  const arcHead: number[] = [];
  const arcEdge: number[] = []; // the graph edge an arc stands for, or -1
  const outArcs: number[][] = Array.from({ length: S + 2 }, () => []);
  const excess = new Int32Array(S + 4);
  const real = (u: number, v: number, lb: number, edge: number) => {
    outArcs[u].push(arcs.length);
    arcs.push(net.addArc(u, v, INF));
    lower.push(lb);
    arcHead.push(v);
    arcEdge.push(edge);
    excess[v] += lb;
    excess[u] -= lb;
  };
  for (let c = 0; c < C; c++) real(2 * c, 2 * c + 1, need.nodes || (need.edges && internal[c].length > 0) ? 1 : 0, -1);
  for (let e = 0; e < m; e++) {
    if (coverableEdge[e] && comp[from[e]] !== comp[to[e]]) real(2 * comp[from[e]] + 1, 2 * comp[to[e]], need.edges ? 1 : 0, e);
  }
  const hasStart = new Uint8Array(C);
  const hasEnd = new Uint8Array(C);
  for (const v of [...startSet].sort((x, y) => x - y)) {
    if (comp[v] >= 0 && !hasStart[comp[v]]) {
      hasStart[comp[v]] = 1;
      real(S, 2 * comp[v], 0, -1);
    }
  }
  for (const v of [...endSet].sort((x, y) => x - y)) {
    if (comp[v] >= 0 && !hasEnd[comp[v]]) {
      hasEnd[comp[v]] = 1;
      real(2 * comp[v] + 1, T, 0, -1);
    }
  }

  // Feasible flow: the lower bounds as supplies and demands, circulating through t→s.
  const back = net.addArc(T, S, INF);
  const aux: number[] = [];
  let supply = 0;
  for (let v = 0; v < S + 2; v++) {
    if (excess[v] > 0) {
      aux.push(net.addArc(S2, v, excess[v]));
      supply += excess[v];
    } else if (excess[v] < 0) aux.push(net.addArc(v, T2, -excess[v]));
  }
  const fed = net.maxFlow(S2, T2);
  if (fed !== supply) throw new Error(`internal: no feasible flow (${fed} of ${supply})`);
  const feasible = net.cap[back ^ 1];
  net.freeze(back);
  for (const a of aux) net.freeze(a);
  // Minimum: return as much as possible from t to s without going under a lower bound.
  const minimum = feasible - net.maxFlow(T, S);

  // Decompose: the network is acyclic, so every unit leaving s reaches t.
  const flowOf = new Int32Array(arcs.length);
  for (let i = 0; i < arcs.length; i++) flowOf[i] = lower[i] + net.cap[arcs[i] ^ 1];
  const ptr = new Int32Array(S + 2);
  const toured = new Uint8Array(C);
  const walks: number[][] = [];
  for (let unit = 0; unit < minimum; unit++) {
    const comps: number[] = []; // components crossed, in order
    const links: number[] = []; // the graph edges between them
    let u = S;
    while (u !== T) {
      const list = outArcs[u];
      while (ptr[u] < list.length && flowOf[list[ptr[u]]] === 0) ptr[u]++;
      if (ptr[u] >= list.length) throw new Error('internal: flow does not reach t');
      const i = list[ptr[u]];
      flowOf[i]--;
      if (u < S && u % 2 === 0) comps.push(u / 2);
      if (arcEdge[i] >= 0) links.push(arcEdge[i]);
      u = arcHead[i];
    }
    walks.push(lift(comps, links));
  }

  function view(c: number): CompView {
    return { from, to, out: hOut, inn: hIn, inComp: (v) => comp[v] === c };
  }

  function lift(path: number[], links: number[]): number[] {
    const walk: number[] = [];
    for (let k = 0; k < path.length; k++) {
      const c = path[k];
      const v = view(c);
      let a = k > 0 ? to[links[k - 1]] : -1;
      let b = k < path.length - 1 ? from[links[k]] : -1;
      if (a === -1 && b === -1) {
        a = [...startSet].filter((x) => comp[x] === c).sort((x, y) => x - y)[0];
        b = nearest(v, a, endSet, 'out');
      } else if (a === -1) a = nearest(v, b, startSet, 'in');
      else if (b === -1) b = nearest(v, a, endSet, 'out');
      let inner: number[];
      const needTour = !toured[c] && ((need.edges && internal[c].length > 0) || (need.nodes && size[c] > 1));
      if (needTour) {
        toured[c] = 1;
        inner = tour(v, n, a, b, need.edges ? internal[c] : spanningEdges(v, n, a));
      } else inner = shortestWalk(v, n, a, b);
      for (const x of inner) walk.push(x);
    }
    return walk;
  }

  function nearest(v: CompView, origin: number, targets: Set<number>, dir: 'out' | 'in'): number {
    if (size[comp[origin]] === 1) return origin;
    const { dist } = dir === 'out' ? bfs(n, [origin], v.out, v.to, v.inComp) : bfs(n, [origin], v.inn, v.from, v.inComp);
    let best = -1;
    for (const x of targets) {
      if (dist[x] === NO_PATH) continue;
      if (best === -1 || dist[x] < dist[best] || (dist[x] === dist[best] && x < best)) best = x;
    }
    if (best === -1) throw new Error('internal: no start/end in the component');
    return best;
  }

  return { walks, minimum, reach: r, coverableEdge, coverableNode };
}
