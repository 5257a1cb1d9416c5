// The money unit the dashboards show (自动/元/万元/亿元): a display preference of this browser,
// not part of the figures' context, so it is kept in localStorage rather than in the URL.
import { ref, watch } from 'vue';
import { MONEY_UNITS, type MoneyUnit } from '../../format.js';

const KEY = 'bc.moneyUnit';

function initial(): MoneyUnit {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return (MONEY_UNITS as readonly string[]).includes(v ?? '') ? (v as MoneyUnit) : 'auto';
}

export const moneyUnit = ref<MoneyUnit>(initial());
watch(moneyUnit, (v) => localStorage.setItem(KEY, v));
