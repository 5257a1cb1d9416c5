// The ECharts pieces the customer screens use, registered once (echarts/core keeps the bundle
// to what is drawn).
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { GraphChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

use([CanvasRenderer, LineChart, GraphChart, HeatmapChart, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent]);

/** Screenshots and tests need the final frame, not a frame of the animation. */
export const animate = typeof navigator === 'undefined' || !navigator.webdriver;

/** ECharts tooltips are HTML: names from data go through this before they reach one. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
