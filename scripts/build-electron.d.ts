// Types for scripts/build-electron.js, which runs under plain Node and is imported by the tests.
import type { LogLevel } from 'esbuild';

export function buildElectron(opts?: {
  root?: string;
  outDir?: string;
  main?: string;
  preload?: string | null;
  logLevel?: LogLevel;
}): Promise<{ outDir: string; migrations: string[]; resources: Record<string, string[]>; workers: string[]; metaUrlUsers: string[] }>;
