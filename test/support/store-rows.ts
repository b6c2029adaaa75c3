// A store's daily sales as long-format CSV rows (`<id>,<date>,<sales>`), for the CLI tests
// of global models: a weekly pattern shifted by `phase`, a slow trend, a deterministic
// wobble, times the store's scale. An id holding a comma is quoted.
const DAY = 86_400_000;

export function storeRows(
  id: string,
  scale: number,
  days: number,
  phase: number,
  shape: { trendPerDay?: number; wobble?: number } = {},
): string[] {
  const { trendPerDay = 0.01, wobble = 0.03 } = shape;
  return Array.from({ length: days }, (_, t) => {
    const date = new Date(Date.UTC(2023, 0, 1) + t * DAY).toISOString().slice(0, 10);
    const week = [1, 0.9, 0.95, 1.1, 1.4, 1.8, 0.6][(t + phase) % 7]!;
    const value = scale * (10 + trendPerDay * t) * week * (1 + wobble * Math.sin(t * 1.7 + phase));
    return `${id.includes(',') ? `"${id}"` : id},${date},${value.toFixed(3)}`;
  });
}
