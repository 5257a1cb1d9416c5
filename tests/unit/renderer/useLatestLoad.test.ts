import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useLatestLoad } from '../../../renderer/composables/useLatestLoad.js';

/** A request the test answers by hand, recording the signal it was given. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  let signal!: AbortSignal;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const request = (s: AbortSignal) => {
    signal = s;
    return promise;
  };
  return { request, resolve, reject, get signal() { return signal; } };
}

function abortError() {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

describe('useLatestLoad', () => {
  it('keeps the newest answer when an older one arrives after it', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad())!;
    const kept: string[] = [];
    const a = deferred<string>();
    const b = deferred<string>();
    const first = load.run(a.request, (v) => kept.push(v));
    const second = load.run(b.request, (v) => kept.push(v));
    b.resolve('new');
    await second;
    expect(load.state.value).toBe('ready');
    // the first request was aborted but its server answered anyway (a fetch that ignores the signal)
    a.resolve('old');
    await first;
    expect(kept).toEqual(['new']);
    expect(load.state.value).toBe('ready');
    scope.stop();
  });

  it('aborts the previous request when a new one starts', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad())!;
    const a = deferred<number>();
    const b = deferred<number>();
    void load.run(a.request, () => {});
    expect(a.signal.aborted).toBe(false);
    const second = load.run(b.request, () => {});
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(false);
    // the aborted request's rejection is not an error of the page
    a.reject(abortError());
    expect(load.state.value).toBe('loading');
    b.resolve(1);
    await second;
    expect(load.state.value).toBe('ready');
    expect(load.error.value).toBe('');
    scope.stop();
  });

  it('shows the newest failure with its message, after the page cleared its data', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad())!;
    let data: string | null = 'before';
    const a = deferred<string>();
    const done = load.run(a.request, (v) => (data = v), () => (data = null));
    a.reject(new Error('期间 2024-13 不存在'));
    await done;
    expect(load.state.value).toBe('error');
    expect(load.error.value).toBe('期间 2024-13 不存在');
    expect(data).toBeNull();
    // a new run clears the message while it loads
    const b = deferred<string>();
    const again = load.run(b.request, (v) => (data = v));
    expect(load.state.value).toBe('loading');
    expect(load.error.value).toBe('');
    b.resolve('after');
    await again;
    expect(data).toBe('after');
    scope.stop();
  });

  it('an older failure after a newer success changes nothing', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad())!;
    const a = deferred<string>();
    const b = deferred<string>();
    const first = load.run(a.request, () => {});
    const second = load.run(b.request, () => {});
    b.resolve('ok');
    await second;
    a.reject(new Error('late failure'));
    await first;
    expect(load.state.value).toBe('ready');
    expect(load.error.value).toBe('');
    scope.stop();
  });

  it('changes no state after unmount, and aborts the running request', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad<'nodays'>())!;
    const kept: string[] = [];
    const a = deferred<string>();
    const done = load.run(a.request, (v) => kept.push(v));
    scope.stop();
    expect(a.signal.aborted).toBe(true);
    a.resolve('late');
    await done;
    expect(kept).toEqual([]);
    expect(load.state.value).toBe('loading');
    // a run asked after unmount (a watcher's last flush) sends nothing
    let sent = false;
    await load.run(async () => {
      sent = true;
      return 'x';
    }, (v) => kept.push(v));
    expect(sent).toBe(false);
    expect(kept).toEqual([]);
  });

  it('a failure after unmount leaves no error', async () => {
    const scope = effectScope();
    const load = scope.run(() => useLatestLoad())!;
    const a = deferred<string>();
    const done = load.run(a.request, () => {});
    scope.stop();
    a.reject(new Error('network down'));
    await done;
    expect(load.state.value).toBe('loading');
    expect(load.error.value).toBe('');
  });
});
