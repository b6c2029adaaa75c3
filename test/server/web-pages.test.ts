// The pages the app serves are web/layout.html around each web/pages/*.html: every page must
// come out whole (one head, one top bar, its own <main>), with its own link marked current.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleWebPages } from '../../src/server/web-pages.ts';

const webDir = new URL('../../web', import.meta.url).pathname;

describe('assembleWebPages', () => {
  const pages = assembleWebPages(webDir);

  it('serves every page at /name.html and /name, and the index at / and /index.html', () => {
    for (const path of ['/', '/index.html', '/runs.html', '/runs', '/model.html', '/train', '/example.html'])
      expect(pages.get(path), path).toBeDefined();
    expect(pages.get('/runs')).toBe(pages.get('/runs.html'));
  });

  it('puts each page inside one shell: doctype, its own title and script in the head, one <main>', () => {
    const html = pages.get('/model.html')!;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    expect(head).toContain('<title>Model results · Recurrent</title>');
    expect(head).toContain('<script type="module" src="/assets/model.js"></script>');
    expect(html.match(/<main/g)).toHaveLength(1);
    expect(html.match(/class="topbar"/g)).toHaveLength(1);
    expect(html.indexOf('class="topbar"')).toBeLessThan(html.indexOf('<main'));
  });

  it('marks the page’s own link in the top bar, and no other', () => {
    const runs = pages.get('/runs.html')!;
    expect(runs).toContain('<a href="/runs.html" aria-current="page">');
    expect(runs.match(/aria-current/g)).toHaveLength(1);
    expect(pages.get('/')!).toContain('<a href="/" aria-current="page">');
    expect(pages.get('/model.html')!).not.toContain('aria-current');
  });

  it('says which page file lacks a <main>, rather than serving half a page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-pages-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'layout.html'), '<head><!-- page head --></head><body><!-- page body --></body>');
    writeFileSync(join(dir, 'pages', 'broken.html'), '<title>x</title><div>no main</div>');
    expect(() => assembleWebPages(dir)).toThrow(/web\/pages\/broken\.html has no <main>/);
  });
});
