// Customers or merchants as clustered markers drawn on canvas: supercluster indexes the compact
// columns of a PointLayer once; on every move or zoom only the clusters and points in view are
// drawn as canvas circle markers (a few hundred at most, whatever the number of points), so
// 100,000 points pan and zoom smoothly. The canvas sits in a pane of its own that lets the mouse
// through to the grids (SVG) below, so clicks are hit-tested here (hit()) against what was drawn:
// a cluster zooms in, a single point hands its id to the screen, which asks the API for the
// (masked) name: names never travel with the layer.
import L from 'leaflet';
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import type { PointLayer } from '../../../shared/grid.js';
import { pointColour } from './scale.js';

interface P {
  i: number;
}
interface Drawn {
  at: L.LatLng;
  radius: number;
  act: () => void;
}
interface C {
  /** sum of the classes of the points in the cluster (mean = sum / count) */
  s: number;
}

export class PointsLayer {
  readonly group = L.layerGroup();
  private index: Supercluster<P, C>;
  private readonly onMove = () => this.draw();
  private drawn: Drawn[] = [];

  constructor(
    private readonly map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly layer: PointLayer,
    private readonly onPick: (id: string, at: L.LatLng) => void,
  ) {
    const cls = layer.cls;
    this.index = new Supercluster<P, C>({ radius: 50, maxZoom: 17, minPoints: 3, map: (p) => ({ s: cls[p.i] ?? 0 }), reduce: (a, b) => (a.s += b.s) });
    const features: Array<PointFeature<P>> = new Array(layer.ids.length);
    for (let i = 0; i < layer.ids.length; i++) {
      features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [layer.xy[2 * i], layer.xy[2 * i + 1]] } };
    }
    this.index.load(features);
    this.group.addTo(map);
    map.on('moveend zoomend', this.onMove);
    this.draw();
  }

  get count(): number {
    return this.layer.ids.length;
  }

  /** Redraws what is in view (with a margin, so a short pan shows no empty edge). */
  draw(): void {
    const b = this.map.getBounds().pad(0.2);
    const zoom = Math.round(this.map.getZoom());
    const { kind, colour } = this.layer;
    const items = this.index.getClusters([Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())], zoom);
    this.group.clearLayers();
    this.drawn = [];
    const stroke = kind === 'merchant' ? '#1f1f1f' : '#ffffff';
    for (const f of items) {
      const [lng, lat] = f.geometry.coordinates;
      const p = f.properties as Partial<ClusterProperties> & Partial<P> & Partial<C>;
      if (p.cluster) {
        const n = p.point_count ?? 0;
        const mean = (p.s ?? 0) / Math.max(1, n);
        // a ring in the class's colour, nearly clear inside: zoomed out, a cluster sits right over
        // the small grid it belongs to, whose coverage colour (the grids layer, below) must show
        const c = pointColour(kind, colour, mean);
        const m = L.circleMarker([lat, lng], {
          renderer: this.renderer,
          radius: Math.min(18, 6 + 4 * Math.log10(n)),
          color: c,
          weight: 4,
          opacity: 0.95,
          fillColor: c,
          fillOpacity: 0.15,
          interactive: false,
        });
        // a cluster zooms in to where its points separate
        const id = p.cluster_id!;
        this.drawn.push({ at: L.latLng(lat, lng), radius: m.getRadius(), act: () => this.map.setView([lat, lng], Math.min(this.index.getClusterExpansionZoom(id), 18)) });
        this.group.addLayer(m);
      } else {
        const i = p.i!;
        const m = L.circleMarker([lat, lng], {
          renderer: this.renderer,
          radius: 5,
          color: stroke,
          weight: 1,
          fillColor: pointColour(kind, colour, this.layer.cls[i] ?? 0),
          fillOpacity: 0.95,
          interactive: false,
        });
        this.drawn.push({ at: L.latLng(lat, lng), radius: 5, act: () => this.onPick(this.layer.ids[i], L.latLng(lat, lng)) });
        this.group.addLayer(m);
      }
    }
  }

  /** A click at a container point: acts on the marker drawn there (the last drawn is on top); false when none. */
  hit(pt: L.Point): boolean {
    for (let k = this.drawn.length - 1; k >= 0; k--) {
      const d = this.drawn[k];
      if (this.map.latLngToContainerPoint(d.at).distanceTo(pt) <= d.radius + 2) {
        d.act();
        return true;
      }
    }
    return false;
  }

  remove(): void {
    this.map.off('moveend zoomend', this.onMove);
    this.group.remove();
  }
}
