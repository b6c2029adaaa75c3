// What a request asks of a stored dataset: which series and columns to read, and how the
// file is laid out into series.

export interface SeriesRequest {
  target?: string;
  time?: string;
  features?: string[];
  /** Known-future columns: rows past the last target value give their values over the horizon. */
  future?: string[];
  series?: string;
}

/** How a file is read into series: its id column (null: one series) and an .xlsx's sheet. */
export interface DatasetLayout {
  /** Absent: detected, and a likely id column is used (the preview lets the person change it). */
  id?: string | null;
  sheet?: string;
}
