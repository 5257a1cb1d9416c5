// Validation of the editable catalog, rules and star bounds. Every value a rule names must be one
// the importer can store (the enumerations of shared/datasets.ts): a typo such as 「手机银銀」 would
// otherwise silently make an item that nobody ever holds.
import { z } from 'zod';
import { DATASET_BY_ID, SIGNING_TYPES, type DatasetId } from '../../../shared/datasets.js';
import { ITEM_GROUPS, type ItemDef, type RecommendationRule } from '../../../shared/crm.js';
import { BadRequestError } from '../auth/errors.js';

export const ITEM_COUNT = 18;

function enumOf(dataset: DatasetId, column: string): string[] {
  const col = DATASET_BY_ID[dataset].columns.find((c) => c.key === column);
  return (col?.values ?? []).map((v) => v.label);
}

export const DEPOSIT_KINDS = enumOf('deposit', 'kind');
export const CARD_TYPES = enumOf('card', 'card_type');
export const GUARANTEES = enumOf('loan', 'guarantee');
export const CUST_TYPES = enumOf('customer', 'cust_type');

function among(label: string, allowed: readonly string[]) {
  return z
    .array(z.string(), { error: `${label}须为列表` })
    .min(1, `${label}不能为空`)
    .superRefine((vals, ctx) => {
      for (const v of vals) {
        if (!allowed.includes(v)) ctx.addIssue({ code: 'custom', message: `${label}「${v}」无效，可选：${allowed.join('、')}` });
      }
    });
}

const ruleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('deposit'), depositKinds: among('存款种类', DEPOSIT_KINDS) }),
    z.strictObject({ kind: z.literal('signing'), signingTypes: among('签约业务类型', SIGNING_TYPES) }),
    z.strictObject({
      kind: z.literal('loan'),
      positiveBalance: z.boolean().optional(),
      online: z.boolean().optional(),
      guarantees: among('担保方式', GUARANTEES).optional(),
      orSigningTypes: among('签约业务类型', SIGNING_TYPES).optional(),
    }),
    z.strictObject({ kind: z.literal('card'), cardTypes: among('卡种', CARD_TYPES) }),
    z.strictObject({ kind: z.literal('merchant') }),
  ],
  { error: '判定规则类型须为 deposit / signing / loan / card / merchant 之一' },
);

const ITEM_ID_MSG = '业务编号须为 1–18 的整数';
const itemSchema = z.strictObject({
  id: z.number({ error: ITEM_ID_MSG }).int(ITEM_ID_MSG).min(1, ITEM_ID_MSG).max(ITEM_COUNT, ITEM_ID_MSG),
  name: z.string({ error: '名称不能为空' }).trim().min(1, '名称不能为空'),
  group: z.enum(ITEM_GROUPS, { error: `分组须为 ${ITEM_GROUPS.join('、')} 之一` }),
  rule: ruleSchema,
});

const itemId = z.number({ error: ITEM_ID_MSG }).int(ITEM_ID_MSG).min(1, ITEM_ID_MSG).max(ITEM_COUNT, ITEM_ID_MSG);
const ruleListSchema = z.strictObject({
  id: z.string({ error: '规则编号不能为空' }).trim().min(1, '规则编号不能为空'),
  offer: itemId,
  has: z.array(itemId).optional(),
  lacks: z.array(itemId).optional(),
  minStar: z.number({ error: '最低星级须为 1–5 的整数' }).int('最低星级须为 1–5 的整数').min(1, '最低星级须为 1–5 的整数').max(5, '最低星级须为 1–5 的整数').optional(),
  custTypes: among('客户类型', CUST_TYPES).optional(),
  reason: z.string({ error: '推荐理由不能为空' }).trim().min(1, '推荐理由不能为空'),
  priority: z.number({ error: '优先级须为数字' }).finite(),
  enabled: z.boolean().default(true),
});

function describe(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('；');
}

function fail(message: string): never {
  throw new BadRequestError(message, 'invalid_crm_settings');
}

/** Exactly the 18 items, ids 1–18 once each; the first problem found is named with its item. */
export function parseCatalog(input: unknown): ItemDef[] {
  if (!Array.isArray(input)) fail('业务目录须为 18 项的列表');
  if (input.length !== ITEM_COUNT) fail(`业务目录须恰好 ${ITEM_COUNT} 项，现有 ${input.length} 项`);
  const seen = new Map<number, string>();
  const items = input.map((raw, i) => {
    const r = itemSchema.safeParse(raw);
    const name = typeof (raw as { name?: unknown })?.name === 'string' ? (raw as { name: string }).name : '';
    const label = `第 ${i + 1} 项${name ? `「${name}」` : ''}`;
    if (!r.success) fail(`${label}：${describe(r.error)}`);
    const prev = seen.get(r.data.id);
    if (prev !== undefined) fail(`${label}：编号 ${r.data.id} 与「${prev}」重复`);
    seen.set(r.data.id, r.data.name);
    return r.data as ItemDef;
  });
  return items.sort((a, b) => a.id - b.id);
}

export function parseRules(input: unknown): RecommendationRule[] {
  if (!Array.isArray(input)) fail('推荐规则须为列表');
  const seen = new Set<string>();
  return input.map((raw, i) => {
    const r = ruleListSchema.safeParse(raw);
    const reason = typeof (raw as { reason?: unknown })?.reason === 'string' ? (raw as { reason: string }).reason : '';
    const label = `第 ${i + 1} 条推荐规则${reason ? `「${reason}」` : ''}`;
    if (!r.success) fail(`${label}：${describe(r.error)}`);
    if (seen.has(r.data.id)) fail(`${label}：规则编号「${r.data.id}」重复`);
    seen.add(r.data.id);
    const rule: RecommendationRule = { ...r.data };
    for (const k of ['has', 'lacks', 'minStar', 'custTypes'] as const) if (rule[k] === undefined) delete rule[k];
    return rule;
  });
}

/** Four increasing positive lower bounds in 元 (2★, 3★, 4★, 5★), whole 分 at most. */
export function parseStarBounds(input: unknown): number[] {
  const r = z.array(z.number().finite().positive()).length(4).safeParse(input);
  if (!r.success) fail('星级下限须为 4 个正数（2星、3星、4星、5星的月日均金融资产下限，单位元）');
  const b = r.data;
  if (b.some((v) => Math.round(v * 100) !== v * 100 && Math.abs(Math.round(v * 100) - v * 100) > 1e-6)) fail('星级下限最多两位小数');
  for (let i = 1; i < b.length; i++) if (!(b[i] > b[i - 1])) fail(`星级下限须逐级递增：${b[i - 1]} 元之后是 ${b[i]} 元`);
  return b;
}
