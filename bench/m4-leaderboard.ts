// Which candidate a model's validation leaderboard (`model.leaderboard`) kept. The
// leaderboard is being designed beside this bench, so its shape is read defensively: the
// journal keeps it whole, and this is the one place to change when its shape settles.
// Read, in order: a `kept` / `chosen` / `winner` / `best` name on the board; else the entry
// flagged kept / chosen / selected / winner; else the entry ranked 1; else the first entry
// (a leaderboard lists the best first).

type Entry = Record<string, unknown>;

const NAME_FIELDS = ['candidate', 'name', 'method', 'id', 'label', 'kind'];
const FLAG_FIELDS = ['kept', 'chosen', 'selected', 'winner', 'best'];
const LIST_FIELDS = ['entries', 'rows', 'candidates', 'ranking', 'leaderboard'];

const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

function nameOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!isEntry(entry)) return undefined;
  for (const field of NAME_FIELDS) if (typeof entry[field] === 'string') return entry[field] as string;
  return undefined;
}

export function keptCandidate(leaderboard: unknown): string | undefined {
  if (leaderboard === undefined || leaderboard === null) return undefined;
  if (Array.isArray(leaderboard)) {
    const flagged = leaderboard.find((e) => isEntry(e) && FLAG_FIELDS.some((f) => e[f] === true));
    const ranked = leaderboard.find((e) => isEntry(e) && e.rank === 1);
    return nameOf(flagged ?? ranked ?? leaderboard[0]);
  }
  if (!isEntry(leaderboard)) return undefined;
  for (const field of FLAG_FIELDS) {
    const named = nameOf(leaderboard[field]);
    if (named !== undefined) return named;
  }
  for (const field of LIST_FIELDS)
    if (Array.isArray(leaderboard[field])) return keptCandidate(leaderboard[field]);
  return undefined;
}

/** A plain-JSON copy (typed arrays as arrays), so it survives postMessage and the JSONL journal alike. */
export function plainJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value, (_key, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
  return text === undefined ? undefined : JSON.parse(text);
}

/** Names of the candidates the leaderboard says could not be fitted (its `failed` list). */
export function failedCandidates(leaderboard: unknown): string[] {
  if (!isEntry(leaderboard) || !Array.isArray(leaderboard.failed)) return [];
  return leaderboard.failed.map((f) => nameOf(f) ?? '?');
}

/**
 * The family of the kept candidate, for a coarser tally: the classical method's own name,
 * else the entry's kind ("rnn", "combination"), else the name before a colon ("rnn: z-score").
 */
export function keptFamily(leaderboard: unknown): string | undefined {
  const name = keptCandidate(leaderboard);
  if (name === undefined) return undefined;
  const lists = isEntry(leaderboard) ? LIST_FIELDS.map((f) => leaderboard[f]) : [leaderboard];
  const entries = lists.find(Array.isArray) ?? [];
  const kind = (entries as unknown[]).find((e) => nameOf(e) === name && isEntry(e)) as Entry | undefined;
  if (kind?.kind === 'classical') return name;
  if (typeof kind?.kind === 'string') return kind.kind;
  return name.split(':')[0]!.trim();
}
