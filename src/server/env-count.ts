// Whole-number settings from the environment (RECURRENT_HEAVY_WORKERS and the like).

/** A whole number ≥ min from an environment variable, undefined when unset; anything else is refused. */
export function envCount(name: string, min: number): number | undefined {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number from ${min} up, got "${raw}"`);
  return value;
}
