// Flow models as files: the testid scan of a renderer written here, schema and reference errors
// that name the file and the node, YAML, reachability warnings, the spec and coverage written for
// a model, and the command line's JSON contract (as a child process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowPaths, testId } from '../../../electron/core/flows/flow-paths.js';
import { FlowModelError, loadModel, loadModels } from '../../../electron/core/flows/load.js';
import { renderSpec } from '../../../electron/core/flows/spec-writer.js';
import { declares, scanTestIds, type TestIds } from '../../../electron/core/flows/testids.js';
import { cli } from '../cli/run-cli.js';

let dir: string;
let renderer: string;
let ids: TestIds;

const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};
const json = (name: string, model: unknown) => write(name, JSON.stringify(model, null, 1));

type RawNode = { icon: string; op: string; data?: string; type?: string; as?: string; name?: string; text?: string; label?: string; row?: string; button?: string; state?: string; hidden?: true; count?: number };

/** The example of the issue, with icons this test's renderer declares. */
const counter = (): { flow: string; title: string; nodes: Record<string, RawNode>; sets: string[][]; edges: string[][] } => ({
  flow: 'counter',
  title: '厅堂查询',
  nodes: {
    open: { icon: 'login-form', op: 'goto', data: './#/login', type: 'start' },
    user: { icon: 'login-user', op: 'fill', data: 'datang' },
    hit: { icon: 'search-result', op: 'click' },
    gaps: { icon: 'item-12', op: 'expect', type: 'end' },
  },
  sets: [
    ['open', 'user', 'hit', 'gaps'],
    ['user', 'user'],
  ],
  edges: [['hit', 'open']],
});

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FlowModelError) return e.problems;
    throw e;
  }
  throw new Error('no FlowModelError');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-flows-'));
  renderer = path.join(dir, 'renderer');
  write('renderer/views/Login.vue', '<template><el-form data-testid="login-form"><el-input data-testid="login-user" /></el-form></template>');
  write(
    'renderer/components/List.vue',
    '<template><li v-for="m in ms" data-testid="search-result" /><span v-for="it in items" :data-testid="`item-${it.id}`" />' +
      '<b :data-testid="ok ? \'state-ok\' : \'state-bad\'" /><Card :testid="`fig-${f.id}`" /><Card testid="plain-card" /></template>',
  );
  write('renderer/components/Card.vue', '<template><div :data-testid="testid" /></template>');
  ids = scanTestIds(renderer);
});

describe('renderer testids', () => {
  it('reads static ids, template patterns, literal alternatives and ids handed to a testid prop', () => {
    for (const id of ['login-form', 'login-user', 'search-result', 'item-12', 'state-ok', 'state-bad', 'fig-deposit', 'plain-card']) {
      expect(declares(ids, id), id).toBe(true);
    }
    // a pattern needs its variable part: "item-" alone is not declared, nor is the prop's name
    for (const id of ['item-', 'login', 'testid', 'search-results']) expect(declares(ids, id), id).toBe(false);
  });
});

describe('loading models', () => {
  it('builds the graph of the issue example: sets merge by node id, duplicate pairs count once', () => {
    const m = loadModel(json('counter.json', counter()), ids);
    expect(m.ids).toEqual(['open', 'user', 'hit', 'gaps']);
    // edges: open→user, user→hit, hit→gaps (set 1), user→user (set 2), hit→open (edges) = 5
    expect(m.graph.from.map((f, e) => `${m.ids[f]}>${m.ids[m.graph.to[e]]}`)).toEqual(['open>user', 'user>hit', 'hit>gaps', 'user>user', 'hit>open']);
    expect(m.warnings).toEqual([]);
  });

  it('names the file and the node for schema errors', () => {
    const bad = counter() as Record<string, unknown>;
    bad.nodes = {
      ...counter().nodes,
      user: { icon: 'login-user', op: 'type', data: 'x' },
      hit: { icon: 'search-result', op: 'fill' },
      gaps: { icon: 'item-12', op: 'expect', type: 'end', count: 0, text: 'x' },
    };
    const file = json('bad-schema.json', bad);
    const p = problems(() => loadModel(file, ids));
    expect(p).toContain(`${file}: node "user" (op): op must be one of goto, click, fill, select, check, press, expect`);
    expect(p).toContain(`${file}: node "hit" (data): fill needs data: the text to type (file:PATH for a file input)`);
    expect(p).toContain(`${file}: node "gaps" (count): expect takes one of text, count, state and hidden, not text and count`);
  });

  it('checks the fields that address library-built elements and long waits', () => {
    const bad = counter() as Record<string, unknown>;
    bad.nodes = {
      ...counter().nodes,
      user: { icon: 'role:popup', op: 'click' },
      hit: { icon: 'search-result', op: 'click', label: '撤销', state: 'done' },
      gaps: { icon: 'item-12', op: 'expect', type: 'end', state: 'done', hidden: true },
    };
    const file = json('bad-roles.json', bad);
    const p = problems(() => loadModel(file, ids));
    expect(p).toContain(
      `${file}: node "user" (icon): a role icon is role:ROLE with ROLE one of alert, alertdialog, button, dialog, link, menuitem, option, row, tab, tooltip`,
    );
    expect(p).toContain(`${file}: node "hit" (label): label (an accessible name) belongs to role: icons`);
    expect(p).toContain(`${file}: node "hit" (state): state belongs to expect nodes`);
    expect(p).toContain(`${file}: node "gaps" (hidden): expect takes one of text, count, state and hidden, not state and hidden`);
    // a role icon is not looked up among the testids: a message box has none
    const ok = counter();
    ok.nodes.hit = { icon: 'role:dialog', op: 'click', label: '撤销', button: '确定' } as RawNode;
    expect(loadModel(json('role.json', ok), ids).warnings).toEqual([]);
  });

  it('names the set and position of an unknown node id, and the node of an undeclared icon', () => {
    const m = counter();
    m.sets.push(['open', 'nowhere']);
    m.nodes.hit.icon = 'search-hit';
    const file = json('bad-refs.json', m);
    expect(problems(() => loadModel(file, ids)).sort()).toEqual(
      [
        `${file}: node "hit": icon "search-hit" is not a data-testid of any renderer .vue file`,
        `${file}: sets[2][0→1]: unknown node id "nowhere"`,
      ].sort(),
    );
  });

  it('refuses a set of one node, and a model without a start or an end', () => {
    const m = counter() as ReturnType<typeof counter>;
    m.sets.push(['open']);
    const file1 = json('short-set.json', m);
    expect(problems(() => loadModel(file1, ids))).toEqual([`${file1}: sets[2]: an operation set has at least two event nodes`]);
    const n = counter();
    n.nodes.open.type = 'normal';
    const file2 = json('no-start.json', n);
    expect(problems(() => loadModel(file2, ids))).toEqual([`${file2}: no node has type "start"`]);
  });

  it('says where JSON is broken', () => {
    const file = write('broken.json', '{"flow": "x",\n "nodes": {');
    expect(problems(() => loadModel(file, ids))[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
  });

  it('reports nodes no start reaches and nodes no end can be reached from, without failing', () => {
    const m = counter() as ReturnType<typeof counter> & { nodes: Record<string, unknown> };
    m.nodes.island = { icon: 'state-ok', op: 'click' };
    m.nodes.trap = { icon: 'state-bad', op: 'click' };
    m.sets.push(['island', 'gaps'], ['user', 'trap']);
    const file = json('reach.json', m);
    const loaded = loadModel(file, ids);
    expect(loaded.warnings).toEqual([`${file}: node "island": no start reaches it`, `${file}: node "trap": no end can be reached from it`]);
    // and the coverage lists their edges with the reason, never drops them
    expect(flowPaths(loaded).coverage.uncovered).toEqual([
      ['island', 'gaps', 'unreachable from a start'],
      ['user', 'trap', 'no end reachable'],
    ]);
  });

  it('reads YAML the same as JSON', () => {
    const model = counter();
    const yamlText = [
      'flow: counter',
      'title: 厅堂查询',
      'nodes:',
      ...Object.entries(model.nodes).map(([id, n]) => `  ${id}: ${JSON.stringify(n)}`),
      'sets:',
      ...model.sets.map((s) => `  - [${s.join(', ')}]`),
      'edges:',
      '  - [hit, open]',
    ].join('\n');
    expect(parseYaml(yamlText)).toEqual(model); // the YAML written here says what the JSON says
    const a = loadModel(write('counter.yaml', yamlText), ids);
    const b = loadModel(json('counter2.json', model), ids);
    expect(a.graph).toEqual(b.graph);
  });

  it('loads a folder, and refuses two models with the same flow name', () => {
    const sub = path.join(dir, 'two');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'a.json'), JSON.stringify(counter()));
    fs.writeFileSync(path.join(sub, 'b.json'), JSON.stringify(counter()));
    expect(problems(() => loadModels(sub, ids))).toEqual([`${path.join(sub, 'b.json')}: flow "counter" is also the flow of ${path.join(sub, 'a.json')}`]);
  });
});

describe('paths, ids and specs of a model', () => {
  it('the issue example: one walk through the loop and the self-loop, with a stable id', () => {
    const fp = flowPaths(loadModel(json('counter.json', counter()), ids));
    // open user hit gaps, user→user and hit→open: the cycle open→user→hit→open holds them, so one
    // walk can take all 5 edges and end at gaps: minimum 1.
    expect(fp.paths).toHaveLength(1);
    const [p] = fp.paths;
    expect(p.nodes[0]).toBe('open');
    expect(p.nodes.at(-1)).toBe('gaps');
    const steps = new Set(p.nodes.slice(1).map((v, i) => `${p.nodes[i]}>${v}`));
    expect([...steps].sort()).toEqual(['hit>gaps', 'hit>open', 'open>user', 'user>hit', 'user>user']);
    expect(p.id).toBe(testId('counter', p.nodes));
    expect(fp.coverage).toMatchObject({ edges: 5, covered: 5, uncovered: [], tests: 1, minimum: 1 });
  });

  it('adding an edge keeps the ids of the paths that do not change', () => {
    // diamond s→a→t, s→b→t: two walks; adding s→c→t adds a third and keeps the first two.
    const model = {
      flow: 'diamond',
      title: '菱形',
      nodes: {
        s: { icon: 'login-form', op: 'goto', data: './', type: 'start' },
        a: { icon: 'state-ok', op: 'click' },
        b: { icon: 'state-bad', op: 'click' },
        c: { icon: 'plain-card', op: 'click' },
        t: { icon: 'login-form', op: 'expect', type: 'end' },
      },
      sets: [
        ['s', 'a', 't'],
        ['s', 'b', 't'],
      ],
    };
    const before = flowPaths(loadModel(json('diamond.json', model), ids)).paths.map((p) => p.id);
    model.sets.push(['s', 'c', 't']);
    const after = flowPaths(loadModel(json('diamond.json', model), ids)).paths.map((p) => p.id);
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(3);
    for (const id of before) expect(after).toContain(id);
  });

  it('writes one test per path and one step per event node, titled from the flow title and node names', () => {
    const model = counter();
    model.nodes.open.as = 'datang';
    model.nodes.user.name = '输入用户名';
    model.nodes.user.data = '{{customer.phone}}';
    const m = loadModel(json('counter.json', model), ids);
    const fp = flowPaths(m);
    const spec = renderSpec(m, fp, { runtimeImport: '../runtime.js', modelPath: 'tests/flows/models/counter.json' });
    expect(spec.match(/^ {2}test\(/gm)).toHaveLength(fp.paths.length);
    expect(spec.match(/await test\.step\(/g)).toHaveLength(fp.paths[0].nodes.length);
    expect(spec).toContain(`厅堂查询: ${fp.paths[0].nodes.map((id) => (id === 'user' ? '输入用户名' : id)).join(' → ')} [${fp.paths[0].id}]`);
    expect(spec).toContain('await app.start({ as: "datang" });');
    expect(spec).toContain('.fill(app.data("{{customer.phone}}"))');
    expect(spec).not.toMatch(/waitForTimeout|setTimeout|sleep/);
  });

  it('waits on a done signal with the LONG limit and gives the test room for each such wait', () => {
    // open → user → hit → gaps, with user and gaps waiting on data-state: one path, two long waits
    const model = counter();
    model.sets = [['open', 'user', 'hit', 'gaps']];
    model.edges = [];
    model.nodes.user = { icon: 'login-user', op: 'expect', state: 'done' };
    model.nodes.gaps = { icon: 'item-12', op: 'expect', state: 'done', type: 'end' };
    const m = loadModel(json('long.json', model), ids);
    const spec = renderSpec(m, flowPaths(m), { runtimeImport: '../runtime.js', modelPath: 'long.json' });
    expect(spec).toContain('import { expect, flowFile, LONG, longTest, test } from "../runtime.js";');
    expect(spec).toContain('test.setTimeout(longTest(2));');
    expect(spec).toContain(`await expect(page.getByTestId("login-user").first()).toHaveAttribute('data-state', "done", LONG);`);
    // a model without a done signal imports neither and sets no limit
    const plain = loadModel(json('counter.json', counter()), ids);
    const plainSpec = renderSpec(plain, flowPaths(plain), { runtimeImport: '../runtime.js', modelPath: 'counter.json' });
    expect(plainSpec).toContain('import { expect, flowFile, test } from "../runtime.js";');
    expect(plainSpec).not.toContain('longTest');
  });

  it('reaches a row of a table, a button by its name, a message box by its role, and a hidden dialog', () => {
    const model = counter();
    model.nodes.user = { icon: 'search-result', op: 'click', row: '{{upload.referral.name}}', button: '撤销' };
    model.nodes.hit = { icon: 'role:dialog', op: 'click', label: '撤销', button: '撤销' };
    model.nodes.gaps = { icon: 'login-form', op: 'expect', hidden: true, type: 'end' };
    const m = loadModel(json('roles.json', model), ids);
    const spec = renderSpec(m, flowPaths(m), { runtimeImport: '../runtime.js', modelPath: 'roles.json' });
    expect(spec).toContain(
      `await page.getByTestId("search-result").getByRole('row').filter({ hasText: app.data("{{upload.referral.name}}") }).first().getByRole('button', { name: "撤销", exact: true }).click();`,
    );
    expect(spec).toContain(`await page.getByRole("dialog", { name: "撤销", exact: true }).getByRole('button', { name: "撤销", exact: true }).click();`);
    expect(spec).toContain('await expect(page.getByTestId("login-form").first()).toBeHidden();');
    expect(spec).toContain('(撤销 › 撤销)');
  });
});

describe('command line', () => {
  it('flows paths --json prints the contract: flow, paths of node ids, coverage with uncovered reasons', () => {
    const m = counter() as ReturnType<typeof counter> & { nodes: Record<string, unknown> };
    m.nodes.island = { icon: 'state-ok', op: 'click' };
    m.sets.push(['island', 'gaps']);
    const r = cli('flows', 'paths', '--model', json('cli.json', m), '--json', '--renderer', renderer);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // exactly the keys of the contract, in its order
    expect(Object.keys(out)).toEqual(['flow', 'paths', 'coverage']);
    expect(Object.keys(out.coverage)).toEqual(['edges', 'covered', 'uncovered']);
    expect(out.flow).toBe('counter');
    // one walk (worked out in 'the issue example' above) of node ids, from open to gaps, taking the 5 edges
    expect(out.paths).toHaveLength(1);
    const [p] = out.paths as string[][];
    expect(p.every((id) => typeof id === 'string')).toBe(true);
    expect([p[0], p.at(-1)]).toEqual(['open', 'gaps']);
    expect(new Set(p.slice(1).map((v, i) => `${p[i]}>${v}`))).toEqual(new Set(['open>user', 'user>user', 'user>hit', 'hit>open', 'hit>gaps']));
    // 6 edges: the 5 of the example and island→gaps, which no start reaches
    expect(out.coverage).toEqual({ edges: 6, covered: 5, uncovered: [['island', 'gaps', 'unreachable from a start']] });
    expect(r.stderr).toContain('node "island": no start reaches it');

    // node coverage adds what it is about: 5 nodes, island not reached from a start
    const nodes = JSON.parse(cli('flows', 'paths', '--model', json('cli.json', m), '--json', '--cover', 'nodes', '--renderer', renderer).stdout);
    expect(Object.keys(nodes.coverage)).toEqual(['edges', 'covered', 'uncovered', 'nodes']);
    expect(nodes.coverage.nodes).toEqual({ total: 5, covered: 4, uncovered: [['island', 'unreachable from a start']] });
  });

  it('flows generate writes the specs and reports; a bad model exits 1 naming file and node', () => {
    const out = path.join(dir, 'gen');
    const models = path.join(dir, 'models');
    fs.mkdirSync(models, { recursive: true });
    fs.writeFileSync(path.join(models, 'counter.json'), JSON.stringify(counter()));
    const ok = cli('flows', 'generate', '--model', models, '--out', out, '--renderer', renderer);
    expect(ok.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['counter.coverage.json', 'counter.spec.ts']);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'counter.coverage.json'), 'utf8'));
    expect(report.byEdge).toHaveLength(5);
    for (const e of report.byEdge) expect(e.tests).toEqual([report.paths[0].id]);

    const bad = counter();
    bad.nodes.hit.icon = 'nope';
    fs.writeFileSync(path.join(models, 'counter.json'), JSON.stringify(bad));
    const r = cli('flows', 'generate', '--model', models, '--out', out, '--renderer', renderer);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(models, 'counter.json')}: node "hit": icon "nope" is not a data-testid`);
  });

  it('flows generate from one model file leaves the other models\' specs; from the folder it removes a model\'s that is gone', () => {
    const out = path.join(dir, 'gen-one');
    const models = path.join(dir, 'models-one');
    fs.mkdirSync(models, { recursive: true });
    fs.writeFileSync(path.join(models, 'counter.json'), JSON.stringify(counter()));
    fs.writeFileSync(path.join(models, 'other.json'), JSON.stringify({ ...counter(), flow: 'other' }));
    expect(cli('flows', 'generate', '--model', models, '--out', out, '--renderer', renderer).status).toBe(0);
    const both = ['counter.coverage.json', 'counter.spec.ts', 'other.coverage.json', 'other.spec.ts'];
    expect(fs.readdirSync(out).sort()).toEqual(both);
    // one model regenerated: the other's spec is not stale, only not asked for
    expect(cli('flows', 'generate', '--model', path.join(models, 'counter.json'), '--out', out, '--renderer', renderer).status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(both);
    // the folder without other.json: its spec is stale now
    fs.rmSync(path.join(models, 'other.json'));
    expect(cli('flows', 'generate', '--model', models, '--out', out, '--renderer', renderer).status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['counter.coverage.json', 'counter.spec.ts']);
  });

  it('--cover and --max-steps reach the generator', () => {
    const file = json('opts.json', counter());
    const r = cli('flows', 'paths', '--model', file, '--json', '--renderer', renderer, '--max-steps', '4');
    const out = JSON.parse(r.stdout);
    for (const p of out.paths) expect(p.length).toBeLessThanOrEqual(4);
    const bad = cli('flows', 'paths', '--model', file, '--cover', 'everything', '--renderer', renderer);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--cover');
  });
});
