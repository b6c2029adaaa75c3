// Saving and loading networks: identical predictions after a round trip through a file,
// and a clear refusal of corrupt, truncated, mismatched or future-version files.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic-write.ts';
import { predictWindows } from '../../src/rnn/bptt.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { networkFromJSON, networkToJSON } from '../../src/rnn/serialize.ts';
import { parseJsonText } from '../../src/files/json-text.ts';

const config = { cell: 'lstm', inputSize: 2, hiddenSize: 5, layers: 2, outputs: 3 } as const;

describe('network serialisation', () => {
  it('save → load gives identical predictions, through a real file', async () => {
    const net = createNetwork(config, 4);
    const random = createRandom(2);
    const x = Float64Array.from({ length: 10 * 6 * 2 }, () => random.normal());
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-'));
    const path = join(dir, 'net.json');
    await writeFileAtomic(path, JSON.stringify(networkToJSON(net)));
    const loaded = networkFromJSON(parseJsonText(await readFile(path, 'utf8'), 'net.json'));
    expect(Array.from(predictWindows(loaded, x, 10, 6))).toEqual(Array.from(predictWindows(net, x, 10, 6)));
    expect(Buffer.from(loaded.params.buffer).equals(Buffer.from(net.params.buffer))).toBe(true);
  });

  it('a truncated file is refused as not valid JSON', () => {
    const text = JSON.stringify(networkToJSON(createNetwork(config, 1)));
    expect(() => parseJsonText(text.slice(0, text.length / 2), 'model.json')).toThrow(
      /model\.json is not valid JSON \(truncated or corrupt\?\)/,
    );
  });

  it('refuses what it cannot read, saying what is wrong', () => {
    const good = () => networkToJSON(createNetwork(config, 1)) as unknown as Record<string, any>;
    const cases: [(d: Record<string, any>) => void, RegExp][] = [
      [
        (d) => {
          d.format = 'keras';
        },
        /format is "keras"/,
      ],
      [
        (d) => {
          d.version = 99;
        },
        /version 99 is newer than this Recurrent reads/,
      ],
      [
        (d) => {
          d.config.layers = 7;
        },
        /layers must be 1 to 3/,
      ],
      [
        (d) => {
          d.tensors.pop();
        },
        /expected 8 tensors/,
      ],
      [
        (d) => {
          d.tensors[1].shape = [3, 3];
        },
        /layer0\.Wh has shape \[3,3\], expected \[20, 5\]/,
      ],
      [
        (d) => {
          d.tensors[0].values.length = 3;
        },
        /layer0\.Wx holds 3 values, expected 40/,
      ],
      [
        (d) => {
          d.tensors[2].values[4] = 'NaN';
        },
        /layer0\.b value 4 is "NaN", not a finite number/,
      ],
      [
        (d) => {
          d.tensors[6].name = 'head.V';
        },
        /tensor 6 is "head\.V", expected head\.W/,
      ],
    ];
    for (const [corrupt, message] of cases) {
      const doc = good();
      corrupt(doc);
      expect(() => networkFromJSON(doc), String(message)).toThrow(message);
    }
    expect(() => networkFromJSON(null)).toThrow(/expected an object/);
  });
});
