// "还有哪些潜在需求": the enabled rules whose offered item the customer lacks and whose conditions
// hold, one recommendation per offered item (its highest-priority reason), best first.
import type { ItemDef, Recommendation, RecommendationRule } from '../../../shared/crm.js';

export interface RecommendContext {
  star: number;
  custType: string | null;
}

export function ruleApplies(rule: RecommendationRule, held: Set<number>, ctx: RecommendContext): boolean {
  if (!rule.enabled || held.has(rule.offer)) return false;
  if (rule.has?.some((id) => !held.has(id))) return false;
  if (rule.lacks?.some((id) => held.has(id))) return false;
  if (rule.minStar !== undefined && ctx.star < rule.minStar) return false;
  if (rule.custTypes?.length && (ctx.custType === null || !rule.custTypes.includes(ctx.custType))) return false;
  return true;
}

export function recommend(held: Set<number>, ctx: RecommendContext, rules: RecommendationRule[], catalog: ItemDef[]): Recommendation[] {
  const names = new Map(catalog.map((i) => [i.id, i.name]));
  // stable: equal priorities keep the order the rules were written in
  const ordered = rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
  const out: Recommendation[] = [];
  const offered = new Set<number>();
  for (const { r } of ordered) {
    if (offered.has(r.offer) || !ruleApplies(r, held, ctx)) continue;
    offered.add(r.offer);
    out.push({ ruleId: r.id, item: r.offer, itemName: names.get(r.offer) ?? `第${r.offer}项`, reason: r.reason, priority: r.priority });
  }
  return out;
}
