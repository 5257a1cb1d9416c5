// Where each point of a drawn chart is on screen, for automation: a chart's bars have no elements
// to click on, so the chart publishes their centres (data-points) once ECharts has finished.
// Reads ECharts' own item layouts (bars, slices, line points) or converts a heat-map cell.

export interface ProbePoint {
  /** series index of the spec (for a matrix: the row) */
  s: number;
  /** category index */
  i: number;
  x: number;
  y: number;
  /** the raw figure of the spec at that point */
  v: number | null;
}

interface ListLike {
  count(): number;
  getItemLayout(i: number): unknown;
}
interface ChartLike {
  getModel(): { getSeriesByIndex(i: number): { getData(): ListLike } | undefined };
  convertToPixel(finder: { seriesIndex: number }, value: number[]): number[];
}

function centre(l: unknown): [number, number] | null {
  if (Array.isArray(l) && l.length >= 2 && typeof l[0] === 'number') return [l[0], l[1] as number];
  if (l && typeof l === 'object') {
    const o = l as Record<string, number>;
    if (typeof o.cx === 'number' && typeof o.r === 'number') {
      // a slice: the middle of its arc, half-way through the ring
      const a = (o.startAngle + o.endAngle) / 2;
      const r = ((o.r0 ?? 0) + o.r) / 2;
      return [o.cx + r * Math.cos(a), o.cy + r * Math.sin(a)];
    }
    if (typeof o.x === 'number' && typeof o.width === 'number') return [o.x + o.width / 2, o.y + o.height / 2];
  }
  return null;
}

/** The points of every series; `raw(s, i)` gives the spec's figure. Matrix cells are [x, y] of one heat map. */
export function probePoints(chart: unknown, kind: string, series: number, categories: number, raw: (s: number, i: number) => number | null): ProbePoint[] {
  const c = chart as ChartLike;
  const out: ProbePoint[] = [];
  const r = (n: number) => Math.round(n);
  if (kind === 'matrix') {
    for (let s = 0; s < series; s++)
      for (let i = 0; i < categories; i++) {
        const [x, y] = c.convertToPixel({ seriesIndex: 0 }, [i, s]);
        out.push({ s, i, x: r(x), y: r(y), v: raw(s, i) });
      }
    return out;
  }
  const n = kind === 'pie' ? Math.min(series, 1) : series;
  for (let s = 0; s < n; s++) {
    const data = c.getModel().getSeriesByIndex(s)?.getData();
    if (!data) continue;
    for (let i = 0; i < data.count(); i++) {
      const p = centre(data.getItemLayout(i));
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) out.push({ s, i, x: r(p[0]), y: r(p[1]), v: raw(s, i) });
    }
  }
  return out;
}
