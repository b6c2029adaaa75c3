// A network to and from plain JSON with a format version. Loading checks everything it
// relies on (format, version, config, every tensor's name, shape and values) and refuses
// anything else with a message that says what is wrong. Numbers are written as JSON
// numbers, which round-trip float64 exactly.
import { layoutTensors, networkFromParams, validateNetworkConfig } from './network.ts';
import type { Network, NetworkConfig } from './network.ts';

export const NETWORK_FORMAT = 'recurrent-network';
export const NETWORK_FORMAT_VERSION = 1;

export interface NetworkJSON {
  format: typeof NETWORK_FORMAT;
  version: number;
  config: NetworkConfig;
  tensors: { name: string; shape: number[]; values: number[] }[];
}

export function networkToJSON(net: Network): NetworkJSON {
  return {
    format: NETWORK_FORMAT,
    version: NETWORK_FORMAT_VERSION,
    config: { ...net.config },
    tensors: net.tensors.map((t) => ({
      name: t.name,
      shape: [...t.shape],
      values: Array.from(net.params.subarray(t.offset, t.offset + t.size)),
    })),
  };
}

export class NetworkFormatError extends Error {
  override readonly name = 'NetworkFormatError';
}

export function networkFromJSON(json: unknown): Network {
  const fail = (what: string): never => {
    throw new NetworkFormatError(`network: ${what}`);
  };
  if (typeof json !== 'object' || json === null) return fail('expected an object');
  const doc = json as Partial<NetworkJSON>;
  if (doc.format !== NETWORK_FORMAT)
    fail(`format is ${JSON.stringify(doc.format)}, expected "${NETWORK_FORMAT}"`);
  if (typeof doc.version !== 'number') return fail('version is missing');
  if (doc.version > NETWORK_FORMAT_VERSION)
    fail(
      `format version ${doc.version} is newer than this Recurrent reads ` +
        `(${NETWORK_FORMAT_VERSION}); upgrade Recurrent`,
    );
  if (doc.version !== NETWORK_FORMAT_VERSION) fail(`format version ${doc.version} is not supported`);
  if (typeof doc.config !== 'object' || doc.config === null) return fail('config is missing');
  try {
    validateNetworkConfig(doc.config);
  } catch (e) {
    fail((e as Error).message);
  }
  const config = doc.config;
  if (!Array.isArray(doc.tensors)) return fail('tensors are missing');
  const expected = layoutTensors(config);
  if (doc.tensors.length !== expected.length)
    fail(`expected ${expected.length} tensors for this config, found ${doc.tensors.length}`);
  const params = new Float64Array(expected.reduce((n, t) => n + t.size, 0));
  expected.forEach((want, i) => {
    const got = doc.tensors![i]!;
    if (got?.name !== want.name) fail(`tensor ${i} is ${JSON.stringify(got?.name)}, expected ${want.name}`);
    if (!Array.isArray(got.shape) || got.shape.join('×') !== want.shape.join('×')) {
      fail(`tensor ${want.name} has shape [${String(got.shape)}], expected [${want.shape.join(', ')}]`);
    }
    if (!Array.isArray(got.values) || got.values.length !== want.size)
      fail(`tensor ${want.name} holds ${got.values?.length} values, expected ${want.size}`);
    got.values.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        fail(`tensor ${want.name} value ${j} is ${JSON.stringify(v)}, not a finite number`);
      params[want.offset + j] = v;
    });
  });
  return networkFromParams(config, params);
}
