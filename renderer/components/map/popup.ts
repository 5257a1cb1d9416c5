// A marker's popup as DOM nodes: names and gaps come from data, so every one is set with
// textContent; Leaflet gets the element, never an HTML string.
import type { PointDetail } from '../../../shared/grid.js';

export interface PopupWords {
  star: string;
  gaps: string;
  open: string;
  record: string;
  merchant: string;
  en: boolean;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

export function pointPopup(d: PointDetail, w: PopupWords, onRecord: () => void): HTMLElement {
  const box = el('div', 'bc-map-popup');
  box.dataset.testid = 'map-popup';
  const name = el('div', 'bc-map-popup-name', d.name ?? d.id);
  name.dataset.testid = 'map-popup-name';
  box.append(name, el('div', 'bc-map-popup-id', d.id));
  if (d.kind === 'customer') {
    if (d.star !== undefined) box.append(el('div', 'bc-map-popup-row', `${w.star}: ${'★'.repeat(d.star) || '—'}`));
    if (d.gaps?.length) box.append(el('div', 'bc-map-popup-row', `${w.gaps}: ${d.gaps.slice(0, 5).map((g) => (w.en ? g.en : g.zh)).join('、')}${d.gaps.length > 5 ? ' …' : ''}`));
  } else if (d.cls !== undefined) {
    box.append(el('div', 'bc-map-popup-row', w.merchant));
  }
  const links = el('div', 'bc-map-popup-links');
  if (d.link) {
    const a = el('a', '', w.open);
    a.href = d.link.startsWith('#') ? d.link : `#${d.link}`;
    a.dataset.testid = 'map-popup-open';
    links.append(a);
  }
  if (d.kind === 'customer') {
    const b = el('button', 'bc-map-popup-button', w.record);
    b.type = 'button';
    b.dataset.testid = 'map-popup-record';
    b.addEventListener('click', (e) => {
      e.preventDefault();
      onRecord();
    });
    links.append(b);
  }
  box.append(links);
  return box;
}
