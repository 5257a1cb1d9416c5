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

/**
 * An icon is a renderer data-testid, or `role:ROLE` for an element the renderer cannot label: an
 * Element Plus message box (ElMessageBox.confirm) is built by the library, so its box is
 * `role:dialog` (named by its title in `label`) and its buttons are reached with `button`.
 */
export const ROLE_ICON = /^role:([a-z]+)$/;
/** The ARIA roles a role icon may name (Playwright's getByRole). */
export const ROLES = ['alert', 'alertdialog', 'button', 'dialog', 'link', 'menuitem', 'option', 'row', 'tab', 'tooltip'] as const;

export const nodeSchema = z
  .strictObject({
    icon: z.string().min(1, 'icon is empty'),
    op: z.enum(OPS, { error: `op must be one of ${OPS.join(', ')}` }),
    type: z.enum(NODE_TYPES, { error: `type must be one of ${NODE_TYPES.join(', ')}` }).optional(),
    /** the value of goto / fill / select / press; {{key}} is filled in at run time */
    data: z.string().optional(),
    /** click: the text inside the icon to click; expect: the text it must show */
    text: z.string().optional(),
    /** a role icon's accessible name (exact), e.g. a message box's title */
    label: z.string().optional(),
    /** narrows the icon to the first table row (role row) showing this text: newest-first lists */
    row: z.string().optional(),
    /** narrows the icon (or its row) to the button with this accessible name (exact) */
    button: z.string().optional(),
    /** expect: the icon's data-state attribute, the app's done signal of a long operation; waited
     *  for with the generous limit of long operations (tests/e2e/helpers.ts LONG) */
    state: z.string().optional(),
    /** expect: the icon is hidden or gone (a closed dialog stays in the page, hidden) */
    hidden: z.literal(true).optional(),
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
    if (n.state !== undefined && n.op !== 'expect') ctx.addIssue({ code: 'custom', path: ['state'], message: 'state belongs to expect nodes' });
    if (n.hidden !== undefined && n.op !== 'expect') ctx.addIssue({ code: 'custom', path: ['hidden'], message: 'hidden belongs to expect nodes' });
    const checks = (['text', 'count', 'state', 'hidden'] as const).filter((k) => n[k] !== undefined);
    if (n.op === 'expect' && checks.length > 1) {
      ctx.addIssue({ code: 'custom', path: [checks[1]], message: `expect takes one of text, count, state and hidden, not ${checks.join(' and ')}` });
    }
    const role = ROLE_ICON.exec(n.icon);
    if (n.icon.startsWith('role:') && (!role || !(ROLES as readonly string[]).includes(role[1]))) {
      ctx.addIssue({ code: 'custom', path: ['icon'], message: `a role icon is role:ROLE with ROLE one of ${ROLES.join(', ')}` });
    }
    if (n.label !== undefined && !role) ctx.addIssue({ code: 'custom', path: ['label'], message: 'label (an accessible name) belongs to role: icons' });
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
