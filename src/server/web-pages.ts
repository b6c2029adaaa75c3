// The web pages, assembled once when the app is created: each web/pages/<name>.html holds
// only what is its own (a comment saying what it is, its <title> and scripts, its <main>),
// and web/layout.html is the shell around every one of them (head, top bar), so a change
// to the shell is made once. The page's own link in the top bar is marked current.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const HEAD_SLOT = '<!-- page head -->';
const BODY_SLOT = '<!-- page body -->';

/** URL path → HTML: `/` for index.html, and each page both as `/name.html` and `/name`. */
export function assembleWebPages(webDir: string): Map<string, string> {
  const pages = new Map<string, string>();
  const pagesDir = join(webDir, 'pages');
  const layoutFile = join(webDir, 'layout.html');
  if (!existsSync(pagesDir) || !existsSync(layoutFile)) return pages;
  const layout = readFileSync(layoutFile, 'utf8');
  if (!layout.includes(HEAD_SLOT) || !layout.includes(BODY_SLOT))
    throw new Error(`${layoutFile} must hold both "${HEAD_SLOT}" and "${BODY_SLOT}"`);
  for (const file of readdirSync(pagesDir).filter((f) => f.endsWith('.html'))) {
    const name = file.slice(0, -'.html'.length);
    const path = name === 'index' ? '/' : `/${file}`;
    const html = assemble(layout, readFileSync(join(pagesDir, file), 'utf8'), path, file);
    pages.set(path, html);
    pages.set(name === 'index' ? '/index.html' : `/${name}`, html);
  }
  return pages;
}

function assemble(layout: string, page: string, path: string, file: string): string {
  const main = page.indexOf('<main');
  if (main < 0) throw new Error(`web/pages/${file} has no <main> element`);
  const indent = (text: string, by: string) =>
    text
      .trim()
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : by + line))
      .join('\n');
  const nav = Math.max(0, layout.indexOf('<nav'));
  const marked =
    layout.slice(0, nav) +
    layout.slice(nav).replace(`href="${path}">`, `href="${path}" aria-current="page">`);
  return marked
    .replace(HEAD_SLOT, () => indent(page.slice(0, main), '  '))
    .replace(BODY_SLOT, () => indent(page.slice(main), '  '));
}
