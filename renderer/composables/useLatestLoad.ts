// The load of a page whose inputs change under it (period, org, filter, page): each run aborts the
// previous request and only the newest answer is kept, so a slow old answer cannot overwrite a
// newer one. `state` is what the page puts in its data-state attribute, the tests' done signal.
// Pages add their own states (nodays, saving) through `Extra` and set them on `state` themselves.
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue';

export type LoadState = 'loading' | 'ready' | 'error';

export interface LatestLoad<Extra extends string = never> {
  state: Ref<LoadState | Extra>;
  /** The newest failed run's message ('' while a run is under way or after success). */
  error: Ref<string>;
  /**
   * Starts a request, aborting the one before. `apply` gets the answer only while this is still the
   * newest run and the page is mounted, then the state is 'ready'; `fail` runs before 'error' (to
   * clear data the page would otherwise show). Resolves when this run is done or superseded.
   */
  run<T>(request: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void, fail?: (e: Error) => void): Promise<void>;
}

export function useLatestLoad<Extra extends string = never>(): LatestLoad<Extra> {
  const state = ref('loading') as Ref<LoadState | Extra>;
  const error = ref('');
  let pending: AbortController | null = null;
  let disposed = false;
  // A page left while its request runs: the answer would land on a page no one sees.
  if (getCurrentScope())
    onScopeDispose(() => {
      disposed = true;
      pending?.abort();
      pending = null;
    });

  async function run<T>(request: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void, fail?: (e: Error) => void): Promise<void> {
    if (disposed) return;
    pending?.abort();
    const mine = (pending = new AbortController());
    state.value = 'loading';
    error.value = '';
    try {
      const value = await request(mine.signal);
      if (mine !== pending) return;
      apply(value);
      state.value = 'ready';
    } catch (e) {
      if (mine !== pending || (e as Error).name === 'AbortError') return;
      fail?.(e as Error);
      error.value = (e as Error).message;
      state.value = 'error';
    }
  }
  return { state, error, run };
}
