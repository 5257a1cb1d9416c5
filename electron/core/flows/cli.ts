// `branch-console flows …`: test paths and Playwright specs from flow models.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coverageSummary, flowPaths } from './flow-paths.js';
import { renderAll, RENDERER_DIR, writeAll } from './generate.js';
import { FlowModelError, loadModel, loadModels } from './load.js';
import type { CoverMode, GenerateOptions } from './paths.js';
import { scanTestIds } from './testids.js';

export const FLOWS_USAGE = `  branch-console flows paths    --model FILE [--json] [--cover edges|nodes|pairs] [--max-steps K]
  branch-console flows generate --model FILE_OR_DIR --out DIR [--cover edges|nodes|pairs] [--max-steps K]
  branch-console flows check    --model FILE_OR_DIR`;

type Out = { log: (s: string) => void; err: (s: string) => void };

const COVERS: CoverMode[] = ['edges', 'nodes', 'pairs'];

function options(values: { cover?: string; 'max-steps'?: string }): GenerateOptions {
  const cover = (values.cover ?? 'edges') as CoverMode;
  if (!COVERS.includes(cover)) throw new Error(`--cover 应为 edges、nodes 或 pairs / must be edges, nodes or pairs: ${values.cover}`);
  const k = values['max-steps'];
  if (k !== undefined && !/^\d+$/.test(k)) throw new Error(`--max-steps 应为整数 / must be an integer: ${k}`);
  return { cover, ...(k !== undefined ? { maxSteps: Number(k) } : {}) };
}

export async function flowsCmd(argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      model: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      cover: { type: 'string' },
      'max-steps': { type: 'string' },
      renderer: { type: 'string' },
    },
  });
  if (!values.model) throw new Error(`缺少参数 --model\n${FLOWS_USAGE}`);
  const rendererDir = values.renderer ? path.resolve(values.renderer) : RENDERER_DIR;
  try {
    switch (sub) {
      case 'paths': {
        const m = loadModel(values.model, scanTestIds(rendererDir));
        for (const w of m.warnings) out.err(`warning: ${w}`);
        const fp = flowPaths(m, options(values));
        if (values.json) {
          // exactly the contract of issue 13; node or edge-pair coverage only when asked for
          // (test ids and the minimum are in the text output and the generated coverage report)
          const { cover, edges, covered, uncovered, nodes, pairs } = fp.coverage;
          out.log(
            JSON.stringify({
              flow: fp.flow,
              paths: fp.paths.map((p) => p.nodes),
              coverage: { edges, covered, uncovered, ...(cover === 'nodes' ? { nodes } : {}), ...(pairs ? { pairs } : {}) },
            }),
          );
        } else {
          for (const p of fp.paths) out.log(`${p.id}  ${p.nodes.join(' → ')}`);
          for (const line of coverageSummary(fp.coverage)) out.log(line);
        }
        return 0;
      }
      case 'generate': {
        if (!values.out) throw new Error(`缺少参数 --out\n${FLOWS_USAGE}`);
        const g = renderAll({ model: values.model, out: values.out, rendererDir, ...options(values) });
        for (const w of g.warnings) out.err(`warning: ${w}`);
        const { written, removed } = writeAll(values.out, g, fs.statSync(values.model).isDirectory());
        for (const fp of g.flows) for (const line of coverageSummary(fp.coverage)) out.log(line);
        out.log(`写入 ${written.length} 个文件，删除 ${removed.length} 个过期文件 / ${written.length} written, ${removed.length} stale removed: ${path.resolve(values.out)}`);
        return 0;
      }
      case 'check': {
        const models = loadModels(values.model, scanTestIds(rendererDir));
        for (const m of models) for (const w of m.warnings) out.err(`warning: ${w}`);
        out.log(`${models.length} 个模型有效 / ${models.length} model(s) valid`);
        return 0;
      }
      default:
        out.err(`未知子命令 / unknown subcommand: flows ${sub ?? ''}\n${FLOWS_USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof FlowModelError) {
      for (const p of e.problems) out.err(p);
      return 1;
    }
    throw e;
  }
}
