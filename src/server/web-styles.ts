// The one stylesheet every page loads, /style.css: web/style.css (the shell and shared
// parts) followed by each web/styles/<area>.css in name order. Splitting by area keeps each
// file about one page or one concern; joining them keeps one request and one cache entry.
// Read when the app is created, like the bundled scripts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @example
 * const css = joinWebStyles('web'); // web/style.css, then web/styles/*.css
 */
export function joinWebStyles(webDir: string): string {
  const parts = [join(webDir, 'style.css')];
  const areaDir = join(webDir, 'styles');
  if (existsSync(areaDir))
    for (const name of readdirSync(areaDir)
      .filter((f) => f.endsWith('.css'))
      .sort())
      parts.push(join(areaDir, name));
  return parts
    .filter((file) => existsSync(file))
    .map((file) => `/* ${file.slice(webDir.length + 1)} */\n${readFileSync(file, 'utf8')}`)
    .join('\n');
}
