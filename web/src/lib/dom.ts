// DOM building without HTML strings: every text (column names, file names, server
// messages) goes through textContent, so user data can never become markup.

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | number | null | undefined | false;

/** createElement with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of parent. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** The element with this id, typed; throws early when a page and its script disagree. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** A <table> with a header row and body rows of plain text cells. */
export function table(headers: string[], rows: Child[][], className = 'data'): HTMLTableElement {
  return el(
    'table',
    { class: className },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))))),
  );
}

/** Shows a message in a status element; kind drives its colour. */
export function showStatus(
  target: HTMLElement,
  message: string,
  kind: 'info' | 'error' | 'ok' = 'info',
): void {
  target.textContent = message;
  target.dataset.kind = kind;
  target.hidden = message === '';
}

/** The value of ?name= in the page URL, or null. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
