// Customers (惠金小助手): the catalog and filter options the customer screens share (loaded once
// per session, reloaded after settings are saved or the data scope changes), and the search
// dialog's state. The calls themselves are in api/crm.ts.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ItemDef } from '../../shared/crm.js';
import { crmApi, type CrmOptions } from '../api/crm.js';
import { useContext } from './context.js';

export const useCrm = defineStore('crm', () => {
  const items = ref<ItemDef[]>([]);
  const options = ref<CrmOptions | null>(null);
  /** the global search dialog (Ctrl+K, the top bar box, the navigation entry) */
  const searchOpen = ref(false);

  async function loadItems(force = false): Promise<ItemDef[]> {
    if (force || items.value.length === 0) items.value = await crmApi.items();
    return items.value;
  }
  // the options are those of the data scope: loaded again when the scope picker changes it
  let optionsOrg: string | null = null;
  async function loadOptions(): Promise<CrmOptions> {
    const org = useContext().org;
    if (!options.value || optionsOrg !== org) {
      options.value = await crmApi.options();
      optionsOrg = org;
    }
    return options.value;
  }
  const itemName = (id: number) => items.value.find((i) => i.id === id)?.name ?? `#${id}`;

  return { items, options, searchOpen, loadItems, loadOptions, itemName };
});
