// The light or dark theme for Plotly charts. Plotly draws with colours of its own, not CSS,
// so a chart would stay white on the dark page: these read the page's colour custom
// properties (web/style.css, which switches them on prefers-color-scheme) and turn them
// into layout settings, so the palette lives in one place. A chart that also wants to
// follow a change of scheme while the page is open redraws on onColourSchemeChange().

/** The page's colours as a chart needs them. */
export interface ChartColours {
  dark: boolean;
  /** Text, axis labels and lines drawn "in ink" (e.g. the actuals). */
  ink: string;
  muted: string;
  /** The plotting area's background: the card the chart sits on. */
  background: string;
  grid: string;
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** True when the system asks for dark colours. */
export function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/**
 * The current theme's chart colours, read from web/style.css's custom properties.
 *
 * @example
 * const { ink } = chartColours(); // '#1f2937' in the light theme, '#e5e7eb' in the dark
 */
export function chartColours(): ChartColours {
  const dark = prefersDark();
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, light: string, darkValue: string) =>
    style.getPropertyValue(name).trim() || (dark ? darkValue : light);
  return {
    dark,
    ink: read('--ink', '#1f2937', '#e5e7eb'),
    muted: read('--muted', '#6b7280', '#a1a9b5'),
    background: read('--chart-bg', '#ffffff', '#171c23'),
    grid: read('--chart-grid', '#e5e7eb', '#2f3741'),
  };
}

/**
 * `layout` with the theme's colours: background, text, grid and axis lines, legend and
 * hover box. Axis colours go in as a Plotly template (defaults), so an axis the caller
 * sets keeps its own settings and still gets the theme's grid.
 *
 * @example
 * await Plotly.newPlot(div, traces, themedLayout(baseLayout({ xaxis: { title: { text: 'day' } } })), CHART_CONFIG);
 */
export function themedLayout(layout: Plotly.Layout): Plotly.Layout {
  const c = chartColours();
  const axis = {
    gridcolor: c.grid,
    linecolor: c.grid,
    zerolinecolor: c.grid,
    tickcolor: c.muted,
    rangeslider: { bgcolor: c.background, bordercolor: c.grid },
  };
  const font = (layout.font ?? {}) as Record<string, unknown>;
  return {
    ...layout,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: c.background,
    font: { ...font, color: c.ink },
    template: {
      layout: {
        xaxis: axis,
        yaxis: axis,
        legend: { font: { color: c.ink } },
        hoverlabel: { bgcolor: c.background, bordercolor: c.muted, font: { color: c.ink } },
        modebar: { bgcolor: 'rgba(0,0,0,0)', color: c.muted, activecolor: c.ink },
      },
    },
  };
}

/**
 * Calls `redraw` when the system switches between light and dark while the page is open.
 *
 * @example
 * onColourSchemeChange(() => void draw()); // draw() builds its layout with themedLayout()
 */
export function onColourSchemeChange(redraw: () => void): void {
  if (typeof matchMedia !== 'function') return;
  matchMedia(DARK_QUERY).addEventListener('change', () => redraw());
}
