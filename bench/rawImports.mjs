// Node module hooks for the benchmarks: the WebGPU kernels import their WGSL as text with
// Vite's `?raw` suffix (`import src from './fill.wgsl?raw'`), which Node and tsx do not know.
// These hooks give such an import the file's text as its default export, as Vite does.
// Registered by `npm run bench` (tsx --import ./bench/rawImports.mjs).
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';

const RAW = '?raw';

export async function resolve(specifier, context, next) {
  if (!specifier.endsWith(RAW)) return next(specifier, context);
  const file = new URL(specifier.slice(0, -RAW.length), context.parentURL);
  return { url: `${file.href}${RAW}`, format: 'module', shortCircuit: true };
}

export async function load(url, context, next) {
  if (!url.endsWith(RAW)) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -RAW.length)), 'utf8');
  return {
    format: 'module',
    source: `export default ${JSON.stringify(text)};`,
    shortCircuit: true,
  };
}

// Imported with --import: register this very file's hooks.
if (!import.meta.url.includes('#hooks')) register(`${import.meta.url}#hooks`);
