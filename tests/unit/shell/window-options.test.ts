import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../electron/shell/window-options.js';

describe('buildWindowOptions', () => {
  const opts = buildWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs' });

  it('keeps the renderer isolated from Node', () => {
    const wp = opts.webPreferences;
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('sets no other webPreferences that could loosen the sandbox', () => {
    // a key added later (e.g. enableBlinkFeatures) must be a conscious choice reviewed here
    expect(Object.keys(opts.webPreferences).sort()).toEqual(
      [
        'allowRunningInsecureContent', 'contextIsolation', 'experimentalFeatures', 'navigateOnDragDrop', 'nodeIntegration',
        'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'safeDialogs', 'sandbox', 'spellcheck',
        'webSecurity', 'webviewTag',
      ].sort(),
    );
  });

  it('opens at 1366×768 and refuses to shrink below 1280×720', () => {
    expect([opts.width, opts.height, opts.minWidth, opts.minHeight]).toEqual([1366, 768, 1280, 720]);
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('网点工作台');
  });

  it('requires a preload path', () => {
    expect(() => buildWindowOptions({ preloadPath: '' })).toThrow();
  });
});
