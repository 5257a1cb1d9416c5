// The worker's entry where the core runs as TypeScript source through tsx (CLI, web mode, tests):
// a worker thread starts without the parent's loader, so it registers tsx before importing the
// worker. The Electron bundle starts report-book-worker.cjs instead (scripts/build-electron.js).
import { register } from 'tsx/esm/api';

register();
await import('./book-worker.ts');
