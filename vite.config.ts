import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

// Root is renderer/ and base is relative so the same build loads from app:// inside Electron and
// from the web server; routing uses hash history for the same reason.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite` during development: forward the API to a running `branch-console serve`.
    proxy: { '/api': process.env.BRANCH_CONSOLE_API ?? 'http://127.0.0.1:5180' },
  },
});
