// Atomic writes: a reader sees the old file or the new one, never half, and a failed write
// leaves the old content and no temporary file behind.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic-write.ts';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-atomic-'));
    const path = join(dir, 'model.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['model.json']);
  });

  it('a write that fails keeps the old content and cleans up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-atomic-'));
    const path = join(dir, 'model.json');
    await writeFile(path, 'old');
    await expect(writeFileAtomic(path, 42 as unknown as string)).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['model.json']);
  });

  it('creates missing folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-atomic-'));
    await writeFileAtomic(join(dir, 'a', 'b', 'out.csv'), 'x');
    expect(await readFile(join(dir, 'a', 'b', 'out.csv'), 'utf8')).toBe('x');
  });
});
