// What a request asks of a stored dataset: which series and columns to read, and how the
// file is laid out into series.

export interface SeriesRequest {
  target?: string;
  time?: string;
  features?: string[];
  series?: string;
}

/** How a file is read into series: its id column (null: one series) and an .xlsx's sheet. */
export interface DatasetLayout {
  /** Absent: detected, and a likely id column is used (the preview lets the person change it). */
  id?: string | null;
  sheet?: string;
}
