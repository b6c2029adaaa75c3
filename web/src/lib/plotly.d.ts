// The parts of the global `Plotly` (plotly.js-dist-min, loaded as a classic script before
// each page module) that the pages use. Typed loosely where Plotly itself is open-ended.

declare namespace Plotly {
  type Datum = number | string | null;

  interface Trace {
    type?: 'scatter' | 'scattergl' | 'bar';
    mode?: 'lines' | 'markers' | 'lines+markers' | 'none';
    name?: string;
    x?: Datum[];
    y?: Datum[];
    line?: { color?: string; width?: number; dash?: string; shape?: string };
    marker?: { color?: string; size?: number; symbol?: string };
    fill?: 'none' | 'tonexty' | 'tozeroy';
    fillcolor?: string;
    showlegend?: boolean;
    legendgroup?: string;
    hoverinfo?: string;
    hovertemplate?: string;
    visible?: boolean | 'legendonly';
    connectgaps?: boolean;
    [key: string]: unknown;
  }

  interface Axis {
    title?: { text: string } | string;
    type?: 'linear' | 'log' | 'date' | 'category';
    range?: Datum[];
    autorange?: boolean;
    rangeslider?: {
      visible?: boolean;
      thickness?: number;
      yaxis?: { rangemode?: 'auto' | 'fixed' | 'match'; range?: Datum[] };
    };
    fixedrange?: boolean;
    tickformat?: string;
    exponentformat?: string;
    [key: string]: unknown;
  }

  interface Shape {
    type: 'rect' | 'line';
    /** Plotly keeps it on the shape: how code and tests find a particular one. */
    name?: string;
    xref?: string;
    yref?: string;
    x0: Datum;
    x1: Datum;
    y0: Datum;
    y1: Datum;
    fillcolor?: string;
    opacity?: number;
    line?: { width?: number; color?: string; dash?: string };
    layer?: 'below' | 'above';
    label?: {
      text: string;
      textposition?: string;
      textangle?: number | 'auto';
      xanchor?: 'auto' | 'left' | 'center' | 'right';
      yanchor?: 'top' | 'middle' | 'bottom';
      font?: { size?: number; color?: string };
    };
  }

  interface Annotation {
    x: Datum;
    y: Datum;
    xref?: string;
    yref?: string;
    text: string;
    showarrow?: boolean;
    [key: string]: unknown;
  }

  interface Layout {
    title?: { text: string } | string;
    xaxis?: Axis;
    yaxis?: Axis;
    shapes?: Shape[];
    annotations?: Annotation[];
    margin?: { l?: number; r?: number; t?: number; b?: number };
    height?: number;
    showlegend?: boolean;
    legend?: Record<string, unknown>;
    hovermode?: string | false;
    uirevision?: string | number;
    datarevision?: string | number;
    [key: string]: unknown;
  }

  interface Config {
    responsive?: boolean;
    displaylogo?: boolean;
    displayModeBar?: boolean | 'hover';
    scrollZoom?: boolean;
    modeBarButtonsToRemove?: string[];
  }

  /** The chart div after newPlot: Plotly hangs its state and an event emitter on it. */
  interface PlotlyHTMLElement extends HTMLDivElement {
    data: Trace[];
    layout: Layout;
    on(event: 'plotly_relayout', handler: (update: Record<string, unknown>) => void): void;
    on(event: 'plotly_afterplot', handler: () => void): void;
    on(event: string, handler: (...args: unknown[]) => void): void;
    removeAllListeners?(event: string): void;
  }

  function newPlot(
    root: HTMLElement,
    data: Trace[],
    layout?: Layout,
    config?: Config,
  ): Promise<PlotlyHTMLElement>;
  function react(
    root: HTMLElement,
    data: Trace[],
    layout?: Layout,
    config?: Config,
  ): Promise<PlotlyHTMLElement>;
  function extendTraces(
    root: HTMLElement,
    update: { x?: Datum[][]; y?: Datum[][] },
    indices: number[],
    maxPoints?: number,
  ): Promise<PlotlyHTMLElement>;
  function addTraces(root: HTMLElement, traces: Trace | Trace[]): Promise<PlotlyHTMLElement>;
  function restyle(
    root: HTMLElement,
    update: Record<string, unknown>,
    indices?: number[],
  ): Promise<PlotlyHTMLElement>;
  function relayout(root: HTMLElement, update: Record<string, unknown>): Promise<PlotlyHTMLElement>;
  function purge(root: HTMLElement): void;
}
