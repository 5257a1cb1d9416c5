// Content-Security-Policy for the renderer, sent as a header on every app:// response.
//
// Why each relaxation exists:
// - style-src 'unsafe-inline': Element Plus and vue-echarts write <style>/style attributes at run
//   time; a nonce cannot reach them. Scripts stay strictly 'self'.
// - img-src data: blob:: Leaflet's default marker icons and ECharts' "save as image" use them.
// - worker-src blob:: Vite emits module workers that some libraries start from blob URLs.
// Everything else (remote hosts, eval, plugins, frames, form posts) is refused: the console works
// offline and must never pull remote content into a page that holds customer data.

export interface CspOptions {
  /** extra image origins, e.g. an intranet map-tile server configured by the branch */
  extraImgSrc?: string[];
}

const ORIGIN_RE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

export function buildCsp(opts: CspOptions = {}): string {
  const extra = (opts.extraImgSrc ?? []).filter((o) => {
    if (!ORIGIN_RE.test(o)) throw new Error(`not an origin for img-src: ${o}`);
    return true;
  });
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...extra]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
