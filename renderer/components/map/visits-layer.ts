// The visits of the filter (date range, staff, result) as small canvas markers coloured by result;
// the time slider's window (visit-window.ts) narrows them to its days without asking the API again.
import L from 'leaflet';
import type { VisitLayer } from '../../../shared/grid.js';
import { VISIT_COLOURS, VISIT_UNKNOWN } from './scale.js';

export class VisitsLayer {
  readonly group = L.layerGroup();

  constructor(
    map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly layer: VisitLayer,
  ) {
    this.group.addTo(map);
  }

  /** Draws the visits from `start` to `end` (YYYY-MM-DD, both included); returns how many were drawn. */
  draw(start: string, end: string): number {
    this.group.clearLayers();
    const { xy, day, result } = this.layer;
    let n = 0;
    for (let i = 0; i < this.layer.ids.length; i++) {
      if (day[i] < start || day[i] > end) continue;
      const r = result[i];
      this.group.addLayer(
        L.circleMarker([xy[2 * i + 1], xy[2 * i]], {
          renderer: this.renderer,
          radius: 4,
          weight: 1,
          color: '#ffffff',
          fillColor: r >= 0 ? (VISIT_COLOURS[r] ?? VISIT_UNKNOWN) : VISIT_UNKNOWN,
          fillOpacity: 0.9,
          interactive: false,
        }),
      );
      n++;
    }
    return n;
  }

  remove(): void {
    this.group.remove();
  }
}
