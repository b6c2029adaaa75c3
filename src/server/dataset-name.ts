// The display name of an uploaded dataset, from the file name the client sent. It is shown
// in pages and lists, written into reports, and becomes the stem of batch output files
// (`source: { dataset: id }`), so it must read as the user wrote it and never act as a path.

/** Longest name kept, in user-perceived characters (grapheme clusters). */
export const MAX_DATASET_NAME_LENGTH = 120;

/**
 * Removed outright: C0 and C1 controls (NUL, ESC, tab, newlines…), the line and paragraph
 * separators, lone surrogates, and the invisible marks and overrides that reorder text
 * (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) — "gpj.csv" with a right-to-left override
 * would display as another file's name.
 */
const INVISIBLE = /[\p{Cc}\p{Cs}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Path separators become this. Why not keep only the last part, as busboy does by default:
 * "sales 2024/05.csv" would become "05.csv", a different name. Why not keep the separator:
 * the name becomes a batch output file's stem, where "/" or "\" would be a directory.
 */
const SEPARATOR_STAND_IN = '_';

/**
 * A display name from an uploaded file name: NFC-normalised (a name typed on macOS, in NFD,
 * equals the same name typed elsewhere), without control or bidi-override characters,
 * with each `/` or `\` replaced and `.`/`..` path segments dropped, at most
 * {@link MAX_DATASET_NAME_LENGTH} characters with the extension kept; "upload.csv" when
 * nothing is left.
 *
 * @example
 * safeDatasetName('données-日本語-😀.csv'); // 'données-日本語-😀.csv'
 * safeDatasetName('../../etc/sales 2024/05.csv'); // 'etc_sales 2024_05.csv'
 * safeDatasetName('invoice\u202Evsc.exe'); // 'invoicevsc.exe'
 */
export function safeDatasetName(originalName: string): string {
  const visible = originalName.normalize('NFC').replace(INVISIBLE, '');
  const segments = visible
    .split(/[\\/]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^\.+$/.test(s));
  const name = shorten(segments.join(SEPARATOR_STAND_IN), MAX_DATASET_NAME_LENGTH);
  return name === '' ? 'upload.csv' : name;
}

/** At most `max` grapheme clusters, keeping a short extension, never splitting a character. */
function shorten(name: string, max: number): string {
  const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(name)].map(
    (s) => s.segment,
  );
  if (graphemes.length <= max) return name;
  const dot = graphemes.lastIndexOf('.');
  const extension = dot > 0 && graphemes.length - dot <= 10 ? graphemes.slice(dot) : [];
  return [...graphemes.slice(0, max - extension.length), ...extension].join('').trim();
}
