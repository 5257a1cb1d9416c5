// The flow model (操作集合): event nodes — an icon (a renderer data-testid) and the operation on
// it — and operation sets, sequences of node ids whose consecutive pairs are the edges. Sets share
// nodes by id, so M sets merge into one graph; `edges` adds pairs directly.
import { z } from 'zod';

export const OPS = ['goto', 'click', 'fill', 'select', 'check', 'press', 'expect'] as const;
export type Op = (typeof OPS)[number];
export const NODE_TYPES = ['start', 'end', 'normal'] as const;

/** Operations that cannot run without a value, and what the value is. */
const NEEDS_DATA: Partial<Record<Op, string>> = {
  goto: 'the address to open, e.g. ./#/gaps',
  fill: 'the text to type (file:PATH for a file input)',
  select: 'the option to pick',
  press: 'the key, e.g. Enter',
};

const ID = /^[A-Za-z_][\w-]*$/;

export const nodeSchema = z
  .strictObject({
    icon: z.string().min(1, 'icon is empty'),
    op: z.enum(OPS, { error: `op must be one of ${OPS.join(', ')}` }),
    type: z.enum(NODE_TYPES, { error: `type must be one of ${NODE_TYPES.join(', ')}` }).optional(),
    /** the value of goto / fill / select / press; {{key}} is filled in at run time */
    data: z.string().optional(),
    /** click: the text inside the icon to click; expect: the text it must show */
    text: z.string().optional(),
    /** expect: how many elements carry the icon (0: it must be absent) */
    count: z.number().int().min(0).optional(),
    /** click: the click starts a download, waited for */
    download: z.boolean().optional(),
    /** start nodes: the demo user the test logs in as before this node */
    as: z.string().optional(),
    /** the node's name in test titles (default: its id) */
    name: z.string().optional(),
  })
  .superRefine((n, ctx) => {
    const need = NEEDS_DATA[n.op];
    if (need && (n.data === undefined || n.data === '')) ctx.addIssue({ code: 'custom', path: ['data'], message: `${n.op} needs data: ${need}` });
    if (n.count !== undefined && n.op !== 'expect') ctx.addIssue({ code: 'custom', path: ['count'], message: 'count belongs to expect nodes' });
    if (n.download !== undefined && n.op !== 'click') ctx.addIssue({ code: 'custom', path: ['download'], message: 'download belongs to click nodes' });
    if (n.as !== undefined && n.type !== 'start') ctx.addIssue({ code: 'custom', path: ['as'], message: 'as (log in first) belongs to start nodes' });
    if (n.count !== undefined && n.text !== undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'expect takes text or count, not both' });
  });

export const modelSchema = z.strictObject({
  flow: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'flow must be a lower-case slug (a-z, 0-9, -): it names the spec file'),
  title: z.string().min(1, 'title is empty'),
  description: z.string().optional(),
  nodes: z.record(z.string().regex(ID, 'node ids are letters, digits, _ and -'), nodeSchema),
  sets: z.array(z.array(z.string()).min(2, 'an operation set has at least two event nodes')).default([]),
  edges: z.array(z.tuple([z.string(), z.string()])).default([]),
});

export type FlowNode = z.infer<typeof nodeSchema>;
export type FlowModel = z.infer<typeof modelSchema>;
