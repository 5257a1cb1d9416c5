#!/usr/bin/env node
// `npm start`: the desktop app where an Electron runtime is installed, otherwise the same console
// in web mode on 127.0.0.1. Builds what is missing or older than its sources first.
//
//   npm start                  desktop if possible, else web
//   npm start -- --web         web mode even where Electron exists
//   npm start -- --no-build    use dist/ as it is
//   PORT=8080 npm start        web mode port (default 5180; a free one if that is busy)
import { register } from 'tsx/esm/api';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findElectronBinary } = await import('../electron/shell/detect-electron.ts');
const { isStale } = await import('../electron/shell/staleness.ts');

const args = process.argv.slice(2);
const forceWeb = args.includes('--web') || process.env.BRANCH_CONSOLE_WEB === '1';
const noBuild = args.includes('--no-build');

function run(cmd, cmdArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmdArgs[0] ?? cmd)} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

const at = (...p) => path.join(ROOT, ...p);

async function ensureRenderer() {
  const sources = [at('renderer'), at('shared'), at('vite.config.ts')];
  if (noBuild || !isStale([at('dist', 'renderer', 'index.html')], sources)) return;
  console.log('构建界面 / building the renderer (vite build)…');
  await run(process.execPath, [at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
}

async function ensureElectronBundle() {
  const outputs = [at('dist-electron', 'main.cjs'), at('dist-electron', 'preload.cjs')];
  if (noBuild || !isStale(outputs, [at('electron'), at('shared'), at('scripts', 'build-electron.js')])) return;
  await run(process.execPath, [at('scripts', 'build-electron.js')]);
}

async function startDesktop(binary) {
  await ensureRenderer();
  await ensureElectronBundle();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set by some tools; would make the binary behave as plain Node
  const child = spawn(binary, [ROOT], { cwd: ROOT, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (code !== 0 && code !== null) console.error(`Electron 异常退出 (${code})；可用 npm start -- --web 改用网页模式`);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

async function startWeb() {
  await ensureRenderer();
  const fs = await import('node:fs');
  const { defaultDataDir, defaultDbPath } = await import('../electron/core/paths.ts');
  const { startWebMode } = await import('../electron/web-mode.ts');
  const { pickPort, parsePort } = await import('../electron/shell/free-port.ts');

  const host = '127.0.0.1';
  const dataDir = defaultDataDir();
  if (!fs.existsSync(defaultDbPath(dataDir))) console.log(`首次运行，正在生成演示数据 / first run: creating the demo bank in ${dataDir}…`);
  const wanted = parsePort(process.env.PORT, 5180);
  const { port, preferredWasBusy } = await pickPort(host, wanted);
  if (preferredWasBusy) console.log(`端口 ${wanted} 已被占用，改用 ${port} / port ${wanted} is busy, using ${port}`);
  const server = await startWebMode({ port, host, staticDir: at('dist', 'renderer') });
  console.log(`网点工作台 / Branch Console: ${server.url}  (数据 / data: ${dataDir}; Ctrl+C 退出 / to stop)`);

  let closing = false;
  const shutdown = async () => {
    // a second Ctrl+C leaves at once, should a browser hold a connection open
    if (closing) process.exit(130);
    closing = true;
    await server.close(); // closes the HTTP server, then the database
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

try {
  const electron = forceWeb ? null : findElectronBinary(ROOT);
  if (electron?.found) {
    await startDesktop(electron.path);
  } else {
    console.log(
      forceWeb
        ? '网页模式 / web mode (--web)'
        : `未找到 Electron 运行时（无法下载），改用网页模式 / No Electron runtime here: serving web mode (${electron?.reason})`,
    );
    await startWeb();
  }
} catch (err) {
  console.error(`启动失败 / could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
