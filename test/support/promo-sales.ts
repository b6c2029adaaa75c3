// Daily sales driven by a promotion level known ahead: sales = 20 + 5·promo + N(0, 1), for
// the CLI tests of known-future columns. Rows as CSV lines without the header, so a test
// can write the history with all, some or none of the rows past it.
import { createRandom } from '../../src/rnn/random.ts';

export const PROMO_SALES_HEADER = 'date,sales,promo';

/** The date of day t after 2024-01-01, as YYYY-MM-DD. */
export const promoDay = (t: number) =>
  new Date(Date.UTC(2024, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);

/**
 * n days of history, then h days ahead with the sales cell empty (`ahead`), and the same
 * h days as a second file's rows of date and promotion (`planned`).
 */
export function promoSales(
  n: number,
  h: number,
  seed: number,
): { history: string[]; ahead: string[]; planned: string[] } {
  const random = createRandom(seed);
  const promo = Array.from({ length: n + h }, () => Math.round(random.uniform(0, 3)));
  const sales = promo.map((p) => (20 + 5 * p + random.normal()).toFixed(2));
  return {
    history: Array.from({ length: n }, (_, t) => `${promoDay(t)},${sales[t]},${promo[t]}`),
    ahead: Array.from({ length: h }, (_, k) => `${promoDay(n + k)},,${promo[n + k]}`),
    planned: Array.from({ length: h }, (_, k) => `${promoDay(n + k)},${promo[n + k]}`),
  };
}
