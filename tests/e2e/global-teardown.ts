import fs from 'node:fs';

// The servers remove nothing themselves (they are killed); the run folder goes here.
export default function teardown(): void {
  const dir = process.env.BC_E2E_DIR;
  if (dir && dir.includes('bc-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
