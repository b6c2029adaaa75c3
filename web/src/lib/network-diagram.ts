// The worked example's network drawn unrolled over two days, as SVG built node by node
// (createElementNS, no markup strings): inputs, the ReLU unit at each step, the feedback
// arrow carrying y1 into day 2, and the linear head. Values come from the engine.
import type { ExampleResult } from './api-types.ts';
import { trimmed } from './format.ts';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface NetworkDiagram {
  update(result: ExampleResult): void;
}

/** Weight label as the maths writes it: −0.5 with a real minus sign. */
const w = (v: number) => trimmed(v).replace('-', '−');

export function createNetworkDiagram(container: HTMLElement): NetworkDiagram {
  const root = svg('svg', { viewBox: '0 0 780 300', 'aria-hidden': 'true' });
  const defs = svg('defs', {});
  const marker = svg('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto-start-reverse',
  });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', style: 'fill:#6b7280;stroke:none' }));
  defs.append(marker);
  root.append(defs);

  const texts = new Map<string, SVGTextElement>();
  const label = (key: string, x: number, y: number, cls: string, text = '') => {
    const t = svg('text', { x, y, 'text-anchor': 'middle', class: cls }, text);
    texts.set(key, t);
    root.append(t);
    return t;
  };
  const arrow = (x1: number, y1: number, x2: number, y2: number) =>
    root.append(svg('line', { x1, y1, x2, y2, 'marker-end': 'url(#arrow)' }));
  const box = (x: number, y: number, cls: string) => {
    const g = svg('g', { class: `node ${cls}` });
    g.append(svg('rect', { x: x - 55, y: y - 26, width: 110, height: 52, rx: 8 }));
    root.append(g);
    return g;
  };
  const unit = (x: number, y: number) => {
    const g = svg('g', { class: 'node' });
    g.append(svg('circle', { cx: x, cy: y, r: 34 }));
    root.append(g);
    return g;
  };

  // Day 1: yesterday → y1.  Day 2: today and y1 → y2.  Head: y2 → tomorrow.
  box(120, 50, 'input');
  label('yesterday-title', 120, 43, 'caption', 'yesterday');
  label('yesterday', 120, 64, 'value');
  box(420, 50, 'input');
  label('today-title', 420, 43, 'caption', 'today');
  label('today', 420, 64, 'value');
  const unit1 = unit(120, 170);
  label('y1', 120, 166, 'value');
  label('y1-name', 120, 184, 'caption', 'y1');
  const unit2 = unit(420, 170);
  label('y2', 420, 166, 'value');
  label('y2-name', 420, 184, 'caption', 'y2');
  box(690, 170, 'output');
  label('tomorrow-title', 690, 163, 'caption', 'tomorrow');
  label('tomorrow', 690, 184, 'value');

  arrow(120, 77, 120, 134);
  label('w1a', 150, 112, 'weight');
  arrow(420, 77, 420, 134);
  label('w1b', 450, 112, 'weight');
  arrow(155, 170, 384, 170);
  label('w2', 270, 160, 'weight');
  arrow(455, 170, 633, 170);
  label('w3', 545, 160, 'weight');
  label('pre1', 120, 228, 'caption');
  label('pre2', 420, 228, 'caption');
  label('b2', 690, 218, 'caption');
  label('day1', 120, 275, 'caption', 'day 1: y1 = ReLU(yesterday·w1 + b1)');
  label('day2', 420, 275, 'caption', 'day 2: the same unit, fed y1 back through w2');
  container.replaceChildren(root);

  const set = (key: string, text: string) => {
    const t = texts.get(key);
    if (!t) throw new Error(`the network diagram has no label "${key}"`);
    t.textContent = text;
  };
  return {
    update(r) {
      const [s1, s2] = r.steps;
      set('yesterday', trimmed(s1?.input));
      set('today', trimmed(s2?.input));
      set('y1', trimmed(r.y1));
      set('y2', trimmed(r.y2));
      set('tomorrow', trimmed(r.tomorrow));
      set('w1a', `w1 = ${w(r.weights.w1)}`);
      set('w1b', `w1 = ${w(r.weights.w1)}`);
      set('w2', `w2 = ${w(r.weights.w2)} (feedback)`);
      set('w3', `w3 = ${w(r.weights.w3)}`);
      set('pre1', `ReLU(${w(s1?.preActivation ?? NaN)}), b1 = ${w(r.weights.b1)}`);
      set('pre2', `ReLU(${w(s2?.preActivation ?? NaN)}), b1 = ${w(r.weights.b1)}`);
      set('b2', `linear head, b2 = ${w(r.weights.b2)}`);
      // A unit whose ReLU clipped a negative sum to 0 passes nothing on: draw it dashed.
      unit1.classList.toggle('dead', (s1?.preActivation ?? 0) <= 0);
      unit2.classList.toggle('dead', (s2?.preActivation ?? 0) <= 0);
    },
  };
}
