#!/usr/bin/env node
// The command line runs the TypeScript sources directly through tsx, so `npx branch-console`
// works right after the install command, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv.slice(2));
