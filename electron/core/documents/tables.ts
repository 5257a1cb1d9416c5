// A chart's numbers as a table, the same for the XLSX sheet and the table under the PDF's chart:
// one row per category (per matrix row), one column per series (per matrix column).
import type { ChartSpec } from '../../../shared/dashboard.js';
import { baseUnit, type BaseUnit } from './format.js';

export interface ChartTable {
  /** the heading of the first column (what the rows are), then one per value column */
  columns: string[];
  /** the unit of each value column */
  units: BaseUnit[];
  rows: { label: string; values: (number | null)[] }[];
}

export function chartTable(chart: ChartSpec, firstColumn: string): ChartTable {
  if (chart.kind === 'matrix') {
    const unit = baseUnit(chart.unit);
    return {
      columns: [firstColumn, ...chart.categories],
      units: chart.categories.map(() => unit),
      rows: (chart.rows ?? []).map((label, i) => ({ label, values: chart.categories.map((_, j) => chart.series[i]?.data[j] ?? null) })),
    };
  }
  const unitOf = (axis: 0 | 1 | undefined) => baseUnit(axis === 1 && chart.unit2 ? chart.unit2 : chart.unit);
  return {
    columns: [firstColumn, ...chart.series.map((s) => s.name)],
    units: chart.series.map((s) => unitOf(s.yAxis)),
    rows: chart.categories.map((label, i) => ({ label, values: chart.series.map((s) => s.data[i] ?? null) })),
  };
}

