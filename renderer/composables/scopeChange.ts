// Pages with unsaved edits that a new data scope would drop (方案与目标's targets: the grid lists
// the scope's objects) register a question here; the scope picker asks them all before it adopts
// the new org. The router's guards cannot do it: the picker sets the context store before it
// navigates (so clearing the org is not undone by the context guard), and a page reloads from
// the store, so by the time a page's route guard ran, its edits were gone.
import { onUnmounted } from 'vue';

type Ask = () => Promise<boolean>;
const asks = new Set<Ask>();

/** While the calling component is mounted, `ask` is asked before the data scope changes; false keeps it. */
export function askBeforeScopeChange(ask: Ask): void {
  asks.add(ask);
  onUnmounted(() => asks.delete(ask));
}

/** Whether every registered page lets the data scope change (true when none has anything to lose). */
export async function mayChangeScope(): Promise<boolean> {
  for (const ask of [...asks]) if (!(await ask())) return false;
  return true;
}
