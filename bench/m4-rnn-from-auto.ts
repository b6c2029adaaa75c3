// --rnn-from-auto: an auto task also answers the RNN-alone task of the same series and fit
// season (m4-rnn-alone.ts), so a run of both fits each series' networks once, not twice.
import type { M4Task } from './m4-run.ts';

interface Planned {
  task: M4Task;
}

/** The tasks left to run: RNN-alone tasks that an auto task will answer are dropped. */
export function withRnnFromAuto<T extends Planned>(todo: T[], enabled: boolean): T[] {
  if (!enabled) return todo;
  const sameSeries = (t: M4Task) => `${t.freq}\0${t.id}\0${JSON.stringify(t.options.seasonLength)}`;
  const rnn = new Map(todo.filter((p) => p.task.method === 'rnn').map((p) => [sameSeries(p.task), p.task]));
  const answered = new Set<string>();
  for (const p of todo) {
    if (p.task.method !== 'auto') continue;
    const alone = rnn.get(sameSeries(p.task));
    if (!alone) continue;
    const { key, variant, method, freq, id } = alone;
    p.task.companion = { key, variant, method, freq, id };
    answered.add(key);
  }
  return todo.filter((p) => !answered.has(p.task.key));
}
