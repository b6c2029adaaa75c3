// Delimiter detection from the first lines of a file: the candidate that splits the header
// and the following lines into the same number of fields wins. Quoted text is skipped so a
// comma inside "a, b" does not vote.

export const DELIMITERS = [',', ';', '\t', '|'] as const;
const SAMPLE_LINES = 50;

export function detectDelimiter(sample: string): string {
  const lines = splitSampleLines(sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample);
  let best: string = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const agreeing = counts.filter((count) => count === header).length;
    // Agreement first, then more fields: a lone stray ';' in one row cannot win.
    const score = (agreeing / counts.length) * 1000 + Math.min(header, 999) / 1000;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

// Lines of the sample, split on \r\n, \n or \r outside quotes; the last may be cut short.
function splitSampleLines(sample: string): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < SAMPLE_LINES; i++) {
    const code = sample.charCodeAt(i);
    if (code === 34) quoted = !quoted;
    else if (!quoted && (code === 10 || code === 13)) {
      if (i > start) lines.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  // A cut-off last line would disagree on its count, so keep it only if it is the whole file.
  if (lines.length === 0 && start < sample.length) lines.push(sample.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  const target = delimiter.charCodeAt(0);
  let quoted = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 34) quoted = !quoted;
    else if (!quoted && code === target) count++;
  }
  return count;
}
