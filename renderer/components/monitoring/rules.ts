// The rules as the core describes them (GET /api/monitoring/rules: names zh/en, explanation,
// parameters), read once per page and shared by the list, the alert page and the settings.
import { ref } from 'vue';
import type { RuleInfo } from '../../../shared/monitoring.js';
import { monitoringApi } from '../../api/monitoring.js';

const rules = ref<RuleInfo[] | null>(null);
let loading: Promise<RuleInfo[]> | null = null;

export function useRules() {
  async function load(force = false): Promise<RuleInfo[]> {
    if (rules.value && !force) return rules.value;
    loading = force || !loading ? monitoringApi.rules() : loading;
    try {
      rules.value = await loading;
    } finally {
      loading = null;
    }
    return rules.value;
  }
  /** a rule's name in the language, or its id until the rules are read */
  const ruleName = (id: string, en: boolean) => {
    const r = rules.value?.find((x) => x.id === id);
    return r ? (en ? r.en : r.zh) : id;
  };
  return { rules, load, ruleName };
}
