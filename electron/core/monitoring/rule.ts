// What a monitoring rule is to the engine (issue 10): its labels, the paragraph explaining it, its
// parameters with defaults and bounds, and `run`, which reads the rows of a period and returns
// the cases it finds, each with the rows that prove it. Rules only read; the engine (engine.ts)
// stores, versions and decides.
import type { Db } from '../db/connection.js';
import type { AlertEffect, AlertJson, RuleId, RuleParamMeta } from '../../../shared/monitoring.js';

/** The days a run covers, both inclusive (YYYY-MM-DD). A rule may read rows before `from` for its
 *  windows (a 20-day average), but reports only cases whose event lies inside the period. */
export interface RunPeriod {
  from: string;
  to: string;
}

export interface RuleContext {
  db: Db;
  period: RunPeriod;
  /** the parameters in force (money in 元 as the settings show them; the rule converts to 分) */
  params: Record<string, number>;
}

/** A case a rule found: the CLI's alert, plus what confirming it takes out of the figures. */
export interface Finding extends AlertJson {
  effects: AlertEffect[];
}

export interface RuleParam extends RuleParamMeta {
  default: number;
}

export interface RuleDef {
  id: RuleId;
  zh: string;
  en: string;
  explanation: string;
  explanationEn: string;
  params: RuleParam[];
  run(ctx: RuleContext): Finding[];
}
