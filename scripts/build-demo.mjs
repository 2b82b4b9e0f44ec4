#!/usr/bin/env node
// `npm run build` (after tsc): bundles the demo page (src/demo/, built on the
// client SDK in src/client/) with esbuild into dist/demo/: content-hashed
// app-<hash>.js and app-<hash>.css, and index.html naming them. The node
// serves that folder at / (src/edge/demo-page.ts).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/demo');
rmSync(outdir, { recursive: true, force: true }); // old hashed files must not linger
mkdirSync(outdir, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { app: 'src/demo/main.ts' },
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  // Browsers of the last few years; the SDK needs WebSocket, fetch and crypto.randomUUID.
  target: ['chrome100', 'firefox100', 'safari15'],
  entryNames: '[name]-[hash]',
  outdir,
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const named = (ext) => {
  const file = outputs.find((name) => name.startsWith('app-') && name.endsWith(ext));
  if (!file) throw new Error(`build-demo: esbuild wrote no app-*${ext} (outputs: ${outputs.join(', ')})`);
  return file;
};
const html = readFileSync(join(root, 'src/demo/index.html'), 'utf8').replace('{{css}}', `/demo/${named('.css')}`).replace('{{js}}', `/demo/${named('.js')}`);
writeFileSync(join(outdir, 'index.html'), html);
const bytes = outputs.map((name) => `${name} ${readFileSync(join(outdir, name)).length} B`).join(', ');
process.stdout.write(`demo page: dist/demo/ (${bytes})\n`);
