// Client side of bench/children/receiver.mjs: start it, reset it, read what it received.
import { startChild } from './processes.mjs';

/** Starts the receiver process; `deliverUrl` is where workflows and the reference POST to. */
export async function startReceiver() {
  const child = await startChild('receiver');
  const get = async (path) => (await fetch(`${child.url}${path}`)).json();
  return {
    ...child,
    deliverUrl: `${child.url}/deliver`,
    /** Clears the counts; `failRate` of deliveries are answered 500 at random from now on, each answer `delayMs` late. */
    reset: async (failRate = 0, delayMs = 0) => (await fetch(`${child.url}/reset?fail=${failRate}&delay=${delayMs}`, { method: 'POST' })).json(),
    /** {ok, failed, duplicates, distinct, idempotencyKeys, firstOkAt, lastOkAt, failRate} */
    stats: () => get('/stats'),
    /** The distinct `n`s delivered with a 200. */
    ids: () => get('/ids'),
    /** When each 200 was answered (ms since the epoch), in order. */
    times: () => get('/times'),
  };
}
