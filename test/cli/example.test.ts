// `recurrent example` through the real binary: the unrolled numbers and the exit codes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

describe('recurrent example', () => {
  it('prints the unrolled computation for (1, 1): y1 = 1.8, y2 = 0.9, tomorrow = 0.99', () => {
    const { status, stdout } = runCli(['example', '--yesterday', '1', '--today', '1']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/ReLU\(1\.8\) = 1\.8/);
    expect(stdout).toMatch(/ReLU\(0\.9\) = 0\.9/);
    expect(stdout).toMatch(/tomorrow = .* = 0\.99\n/);
  });

  it('--json gives the intermediate values', () => {
    const { status, stdout } = runCli(['example', '--yesterday', '0.5', '--today', '0.5', '--json']);
    expect(status).toBe(0);
    const ex = JSON.parse(stdout) as { y1: number; y2: number; tomorrow: number };
    expect(ex.y1).toBeCloseTo(0.9, 12);
    expect(ex.y2).toBeCloseTo(0.45, 12);
    expect(ex.tomorrow).toBeCloseTo(0.495, 12);
  });

  it('a non-numeric price is a usage error (exit 2) naming the option', () => {
    const { status, stderr } = runCli(['example', '--today', 'high']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--today must be a number, got "high"/);
  });

  it('--help documents the exit codes', () => {
    const { stdout } = runCli(['--help']);
    expect(stdout).toMatch(/Exit codes:[\s\S]*3 +bad input data/);
  });
});
