// The bank's grids as SVG polygons (so each is a path element a test can find) filled by the
// chosen measure; the name shows on hover as a text tooltip. A click hands the grid's id to the
// screen, which opens its detail.
import L from 'leaflet';
import type { GridLayer } from '../../../shared/grid.js';
import { colourOf } from './scale.js';

export class GridsLayer {
  readonly group: L.GeoJSON;

  constructor(map: L.Map, layer: GridLayer, breaks: number[], onPick: (id: string, e: L.LeafletMouseEvent) => void) {
    const renderer = L.svg();
    // the renderer is an option of the polygons GeoJSON creates (not of a style applied later)
    this.group = L.geoJSON(undefined, {
      renderer,
      style: (f) => ({
        className: 'bc-grid',
        color: '#2f5d8a',
        weight: 1.2,
        fillColor: colourOf((f?.properties as { value: number | null }).value, breaks),
        fillOpacity: 0.65,
      }),
    } as L.GeoJSONOptions);
    for (const g of layer.grids) {
      const feature: GeoJSON.Feature = { type: 'Feature', properties: { id: g.grid_id, value: g.value }, geometry: g.geometry as GeoJSON.Geometry };
      this.group.addData(feature);
    }
    this.group.eachLayer((l) => {
      const props = ((l as L.Path & { feature: GeoJSON.Feature }).feature.properties ?? {}) as { id: string };
      const grid = layer.grids.find((g) => g.grid_id === props.id);
      const tip = document.createElement('span');
      tip.textContent = grid ? `${grid.name}（${grid.grid_id}）` : props.id;
      l.bindTooltip(tip, { sticky: true, direction: 'top' });
      l.on('click', (e: L.LeafletMouseEvent) => {
        L.DomEvent.stopPropagation(e);
        onPick(props.id, e);
      });
    });
    this.group.addTo(map);
    // the path elements carry the grid's id (tests and the detail find them by it)
    this.group.eachLayer((l) => {
      const el = (l as L.Path).getElement() as SVGElement | undefined;
      const props = ((l as L.Path & { feature: GeoJSON.Feature }).feature.properties ?? {}) as { id: string; value: number | null };
      if (el) {
        el.setAttribute('data-grid', props.id);
        el.setAttribute('data-testid', 'map-grid');
      }
    });
  }

  remove(): void {
    this.group.remove();
  }
}
