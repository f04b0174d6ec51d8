/// <reference types="vitest/config" />
import { defineConfig, type Plugin, type PreviewServer, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import { chapterModules } from './src/content/chapterPlugin';

/** After Vite's own URLs, print where the first chapter is: that is what a newcomer wants to open. */
function printChapterUrl(): Plugin {
  const wrap = (server: ViteDevServer | PreviewServer) => {
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      const base = server.resolvedUrls?.local[0];
      if (base) server.config.logger.info(`  ➜  Chapter 1: ${base}#/zh/01-neuron  (English: ${base}#/en/01-neuron)`);
    };
  };
  return { name: 'nnlab-print-chapter-url', configureServer: wrap, configurePreviewServer: wrap };
}

// `base: './'` keeps the built site relocatable: it works from any folder of any static host,
// which is what instructors embedding NN Lab need.
export default defineConfig({
  base: './',
  // chapterModules: each chapter is its own chunk with its formulas pre-rendered (src/content/chapterPlugin.ts).
  plugins: [react(), printChapterUrl(), chapterModules()],
  worker: { format: 'es' },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // dist/.vite/manifest.json: which chunks each entry pulls in (read by scripts/bench-first-load.mjs).
    manifest: true,
    // bench.html: the training benchmark page driven by `npm run bench` (scripts/bench.mjs).
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // tfjs-backend-wasm and tfjs-core keep global state: one fork per file keeps tests independent.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
