// The browser bench page (bench/browser/index.html), built on its own by `npm run bench --
// --browser`; the harness serves it with the data sets and tfjs's wasm. The output goes under
// node_modules/.cache, which git, ESLint and Prettier all leave alone (and `npm run build`, which
// empties dist/, does not touch).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the built page goes; the harness serves it from there. */
export const BENCH_PAGE_DIR = fileURLToPath(
  new URL('../../node_modules/.cache/layercake-bench-page', import.meta.url),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  worker: { format: 'es' },
  build: {
    outDir: BENCH_PAGE_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // tfjs with three backends is a few megabytes, and that is fine for a benchmark.
    chunkSizeWarningLimit: 8192,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
