// The browser side's scripts: each web/src/<page>.ts is bundled by esbuild when the app
// is created and served from memory at /assets/<page>.js — no build step, no stale files.
import { buildSync } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function bundleWebAssets(webDir: string): Map<string, string> {
  const srcDir = join(webDir, 'src');
  const assets = new Map<string, string>();
  if (!existsSync(srcDir)) return assets;
  const entries = readdirSync(srcDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(srcDir, f));
  if (entries.length === 0) return assets;
  const result = buildSync({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: '/assets',
    logLevel: 'silent',
  });
  for (const file of result.outputFiles)
    assets.set(file.path.slice(file.path.lastIndexOf('/') + 1), file.text);
  return assets;
}
