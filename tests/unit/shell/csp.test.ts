import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../electron/shell/csp.js';

function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe('buildCsp', () => {
  const d = parse(buildCsp());

  it('runs only the app’s own scripts: no inline, no eval', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('connects only to the app’s own origin (the API is app://console/api)', () => {
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('names no remote host anywhere', () => {
    for (const [, values] of d) for (const v of values) expect(v).not.toMatch(/^(https?:|wss?:|\*)/);
  });

  it('shuts plugins, frames, base and form targets', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(d.get(name)).toEqual(["'none'"]);
    }
  });

  it('adds a configured tile server to img-src only, and rejects anything that is not an origin', () => {
    const withTiles = parse(buildCsp({ extraImgSrc: ['http://10.1.2.3:8080'] }));
    expect(withTiles.get('img-src')).toContain('http://10.1.2.3:8080');
    expect(withTiles.get('connect-src')).toEqual(["'self'"]);
    expect(withTiles.get('script-src')).toEqual(["'self'"]);
    expect(() => buildCsp({ extraImgSrc: ["'unsafe-inline'"] })).toThrow();
    expect(() => buildCsp({ extraImgSrc: ['http://x; script-src *'] })).toThrow();
    expect(() => buildCsp({ extraImgSrc: ['*'] })).toThrow();
  });
});
