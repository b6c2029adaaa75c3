// The one helper thread a process keeps for data-parallel training, started on first use
// and kept (unref'd: it never holds the process open). One fit leases it at a time; a fit
// that finds it leased, or not started yet, runs both shards on its own thread, which gives
// the same bytes, only slower.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import { startTsWorker } from '../../workers/ts-worker.ts';
import type { SessionMessage } from './shard-protocol.ts';

let helper: Worker | null = null;
let leased = false;

/** A leased helper: open one session on it, then release it. */
export interface HelperLease {
  /** Sends the session; returns the port its failure messages come back on. */
  open(session: Omit<SessionMessage, 'errors'>): MessagePort;
  release(): void;
}

/** The helper, or null while another fit holds it. */
export function leaseHelper(): HelperLease | null {
  if (leased) return null;
  if (helper === null) helper = startHelper();
  leased = true;
  const worker = helper;
  let port: MessagePort | null = null;
  return {
    open(session) {
      const channel = new MessageChannel();
      port = channel.port1;
      worker.postMessage({ ...session, errors: channel.port2 }, [channel.port2]);
      return channel.port1;
    },
    release() {
      port?.close();
      leased = false;
    },
  };
}

/** The message the helper posted when a command threw, read without the event loop. */
export function helperFailure(port: MessagePort): string {
  const received = receiveMessageOnPort(port);
  return (received?.message as string | undefined) ?? 'the training helper thread failed';
}

function startHelper(): Worker {
  const worker = startTsWorker(new URL('./shard-worker.ts', import.meta.url));
  worker.unref();
  // A helper that dies is replaced by the next lease; the fit that held it fails on its
  // wait (shard-session.ts) rather than hanging.
  const forget = () => {
    if (helper === worker) helper = null;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  return worker;
}
