// The map's legend as a Leaflet control: sections of colour swatches with labels, every label set
// with textContent (the labels hold data: grid measures, item names).
import L from 'leaflet';

export interface LegendSection {
  title: string;
  rows: Array<{ colour: string; label: string; ring?: string }>;
}

export class Legend {
  private box: HTMLDivElement | null = null;
  readonly control: L.Control;

  constructor(position: L.ControlPosition = 'bottomleft') {
    const self = this;
    const C = L.Control.extend({
      onAdd() {
        const div = L.DomUtil.create('div', 'bc-map-legend') as HTMLDivElement;
        div.dataset.testid = 'map-legend';
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        self.box = div;
        return div;
      },
    });
    this.control = new C({ position });
  }

  set(sections: LegendSection[]): void {
    const box = this.box;
    if (!box) return;
    box.replaceChildren();
    box.style.display = sections.length ? '' : 'none';
    for (const s of sections) {
      const sec = document.createElement('div');
      sec.className = 'bc-map-legend-section';
      const h = document.createElement('div');
      h.className = 'bc-map-legend-title';
      h.textContent = s.title;
      sec.appendChild(h);
      for (const r of s.rows) {
        const row = document.createElement('div');
        row.className = 'bc-map-legend-row';
        const sw = document.createElement('i');
        sw.style.background = r.colour;
        if (r.ring) sw.style.border = `1px solid ${r.ring}`;
        const lab = document.createElement('span');
        lab.textContent = r.label;
        row.append(sw, lab);
        sec.appendChild(row);
      }
      box.appendChild(sec);
    }
  }
}
