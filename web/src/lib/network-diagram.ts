// The worked example's network drawn unrolled over two days, as SVG built node by node
// (createElementNS, no markup strings): inputs, the ReLU unit at each step, the feedback
// arrow carrying y1 into day 2, and the linear head. Values come from the engine.
//
// Two layouts of the same labelled parts: a wide one (780 units across) and a stacked one
// (300 across) for a phone. The SVG is never drawn wider than its viewBox, so its text is
// at most the CSS size; the stacked layout is chosen whenever the wide one would have to
// shrink its smallest text below 11 px, so the text stays legible at any width.
import type { ExampleResult } from './api-types.ts';
import { trimmed } from './format.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** The smallest text in the diagram (captions, in web/styles/example.css) and the least it may be drawn at. */
const SMALLEST_TEXT_PX = 12;
const LEGIBLE_PX = 11;

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

type Point = readonly [x: number, y: number];
/** A text's place: its centre (or its start, with 'start'), and a fixed text where it has one. */
type Place = readonly [x: number, y: number, anchor?: 'start' | 'middle', text?: string];

/** Where each part goes. Both layouts have the same parts, so update() fills either. */
interface Layout {
  name: 'wide' | 'stacked';
  width: number;
  height: number;
  boxes: Record<'yesterday' | 'today' | 'tomorrow', Point>;
  units: Record<'y1' | 'y2', Point>;
  /** Arrows as SVG path data, each ending in an arrowhead. */
  arrows: string[];
  labels: Record<LabelKey, Place>;
}

type LabelKey =
  | 'yesterday-title'
  | 'yesterday'
  | 'today-title'
  | 'today'
  | 'y1'
  | 'y1-name'
  | 'y2'
  | 'y2-name'
  | 'tomorrow-title'
  | 'tomorrow'
  | 'w1a'
  | 'w1b'
  | 'w2'
  | 'w2-note'
  | 'w3'
  | 'pre1'
  | 'b1a'
  | 'pre2'
  | 'b1b'
  | 'head'
  | 'b2'
  | 'day1'
  | 'day2';

const LABEL_CLASS: Record<LabelKey, 'value' | 'caption' | 'weight'> = {
  'yesterday-title': 'caption',
  yesterday: 'value',
  'today-title': 'caption',
  today: 'value',
  y1: 'value',
  'y1-name': 'caption',
  y2: 'value',
  'y2-name': 'caption',
  'tomorrow-title': 'caption',
  tomorrow: 'value',
  w1a: 'weight',
  w1b: 'weight',
  w2: 'weight',
  'w2-note': 'caption',
  w3: 'weight',
  pre1: 'caption',
  b1a: 'caption',
  pre2: 'caption',
  b1b: 'caption',
  head: 'caption',
  b2: 'caption',
  day1: 'caption',
  day2: 'caption',
};

/** Day 1 left, day 2 in the middle, the head on the right: the network as the maths reads. */
const WIDE: Layout = {
  name: 'wide',
  width: 780,
  height: 300,
  boxes: { yesterday: [120, 50], today: [420, 50], tomorrow: [690, 170] },
  units: { y1: [120, 170], y2: [420, 170] },
  arrows: ['M 120 77 V 134', 'M 420 77 V 134', 'M 155 170 H 384', 'M 455 170 H 633'],
  labels: {
    'yesterday-title': [120, 43, 'middle', 'yesterday'],
    yesterday: [120, 64],
    'today-title': [420, 43, 'middle', 'today'],
    today: [420, 64],
    y1: [120, 166],
    'y1-name': [120, 184, 'middle', 'y1'],
    y2: [420, 166],
    'y2-name': [420, 184, 'middle', 'y2'],
    'tomorrow-title': [690, 163, 'middle', 'tomorrow'],
    tomorrow: [690, 184],
    w1a: [150, 112],
    w1b: [450, 112],
    w2: [270, 160],
    'w2-note': [270, 188, 'middle', 'feedback'],
    w3: [545, 160],
    pre1: [120, 226],
    b1a: [120, 242],
    pre2: [420, 226],
    b1b: [420, 242],
    head: [690, 218, 'middle', 'linear head'],
    b2: [690, 234],
    day1: [120, 280, 'middle', 'day 1: y1 = ReLU(yesterday·w1 + b1)'],
    day2: [420, 280, 'middle', 'day 2: the same unit, fed y1 back through w2'],
  },
};

/** Day 1 and day 2 side by side in two narrow columns, the head below: for a phone. */
const STACKED: Layout = {
  name: 'stacked',
  width: 300,
  height: 392,
  boxes: { yesterday: [75, 58], today: [225, 58], tomorrow: [150, 322] },
  units: { y1: [75, 168], y2: [225, 168] },
  arrows: ['M 75 85 V 132', 'M 225 85 V 132', 'M 110 168 H 189', 'M 260 168 H 288 V 322 H 207'],
  labels: {
    day1: [75, 16, 'middle', 'day 1'],
    day2: [225, 16, 'middle', 'day 2: same unit'],
    'yesterday-title': [75, 51, 'middle', 'yesterday'],
    yesterday: [75, 72],
    'today-title': [225, 51, 'middle', 'today'],
    today: [225, 72],
    w1a: [83, 113, 'start'],
    w1b: [233, 113, 'start'],
    y1: [75, 164],
    'y1-name': [75, 182, 'middle', 'y1'],
    y2: [225, 164],
    'y2-name': [225, 182, 'middle', 'y2'],
    w2: [150, 160],
    'w2-note': [150, 186, 'middle', 'feedback'],
    pre1: [75, 222],
    b1a: [75, 238],
    pre2: [225, 222],
    b1b: [225, 238],
    w3: [247, 314],
    'tomorrow-title': [150, 315, 'middle', 'tomorrow'],
    tomorrow: [150, 336],
    head: [150, 366, 'middle', 'linear head'],
    b2: [150, 382],
  },
};

/** The wide layout while it fits without shrinking its smallest text below legible. */
function layoutFor(widthPx: number): Layout {
  const scale = Math.min(1, widthPx / WIDE.width);
  return scale * SMALLEST_TEXT_PX >= LEGIBLE_PX ? WIDE : STACKED;
}

/** Weight label as the maths writes it: −0.5 with a real minus sign. */
const w = (v: number) => trimmed(v).replace('-', '−');

/** Draws `layout` into `container`; returns the text elements by key and the two units. */
function draw(container: HTMLElement, layout: Layout) {
  const root = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    'aria-hidden': 'true',
    'data-layout': layout.name,
  });
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
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
  defs.append(marker);
  root.append(defs);

  for (const [name, [x, y]] of Object.entries(layout.boxes)) {
    const g = svg('g', { class: `node ${name === 'tomorrow' ? 'output' : 'input'}` });
    g.append(svg('rect', { x: x - 55, y: y - 26, width: 110, height: 52, rx: 8 }));
    root.append(g);
  }
  const unit = ([x, y]: Point) => {
    const g = svg('g', { class: 'node' });
    g.append(svg('circle', { cx: x, cy: y, r: 34 }));
    root.append(g);
    return g;
  };
  const units = { y1: unit(layout.units.y1), y2: unit(layout.units.y2) };
  for (const d of layout.arrows) root.append(svg('path', { d, 'marker-end': 'url(#arrow)' }));

  const texts = new Map<LabelKey, SVGTextElement>();
  for (const [key, [x, y, anchor = 'middle', text]] of Object.entries(layout.labels) as [LabelKey, Place][]) {
    const t = svg('text', { x, y, 'text-anchor': anchor, class: LABEL_CLASS[key] }, text ?? '');
    texts.set(key, t);
    root.append(t);
  }
  container.replaceChildren(root);
  return { texts, units };
}

export function createNetworkDiagram(container: HTMLElement): NetworkDiagram {
  let layout = layoutFor(container.clientWidth);
  let drawn = draw(container, layout);
  let last: ExampleResult | undefined;

  const fill = (r: ExampleResult) => {
    const set = (key: LabelKey, text: string) => {
      const t = drawn.texts.get(key);
      if (!t) throw new Error(`the network diagram has no label "${key}"`);
      t.textContent = text;
    };
    const [s1, s2] = r.steps;
    set('yesterday', trimmed(s1?.input));
    set('today', trimmed(s2?.input));
    set('y1', trimmed(r.y1));
    set('y2', trimmed(r.y2));
    set('tomorrow', trimmed(r.tomorrow));
    set('w1a', `w1 = ${w(r.weights.w1)}`);
    set('w1b', `w1 = ${w(r.weights.w1)}`);
    set('w2', `w2 = ${w(r.weights.w2)}`);
    set('w3', `w3 = ${w(r.weights.w3)}`);
    set('pre1', `ReLU(${w(s1?.preActivation ?? NaN)})`);
    set('pre2', `ReLU(${w(s2?.preActivation ?? NaN)})`);
    set('b1a', `b1 = ${w(r.weights.b1)}`);
    set('b1b', `b1 = ${w(r.weights.b1)}`);
    set('b2', `b2 = ${w(r.weights.b2)}`);
    // A unit whose ReLU clipped a negative sum to 0 passes nothing on: draw it dashed.
    drawn.units.y1.classList.toggle('dead', (s1?.preActivation ?? 0) <= 0);
    drawn.units.y2.classList.toggle('dead', (s2?.preActivation ?? 0) <= 0);
    // The picture's words for a screen reader: the same numbers, in the order they flow.
    container.setAttribute(
      'aria-label',
      `The unit unrolled over two days: yesterday ${trimmed(s1?.input)} gives y1 = ${trimmed(r.y1)}; ` +
        `today ${trimmed(s2?.input)} and y1 give y2 = ${trimmed(r.y2)}; the linear head turns y2 into ` +
        `tomorrow = ${trimmed(r.tomorrow)}.`,
    );
  };

  // A phone turned sideways, or a window resized, may want the other layout.
  new ResizeObserver(() => {
    const wanted = layoutFor(container.clientWidth);
    if (wanted === layout) return;
    layout = wanted;
    drawn = draw(container, layout);
    if (last) fill(last);
  }).observe(container);

  return {
    update(r) {
      last = r;
      fill(r);
    },
  };
}
