import { EventEmitter } from 'node:events';
import type { Coordination, NoticeChannel } from './ports/coordination.js';

/**
 * Coordination of a single process (SQLite mode): notices are delivered in this process, on a
 * later turn of the event loop as a notice from the database would be, and this process leads.
 */
export function createLocalCoordination(): Coordination {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    shared: false,
    notify(channel: NoticeChannel, payload = '') {
      setImmediate(() => bus.emit(channel, payload));
    },
    listen(channel, handler) {
      bus.on(channel, handler);
      return () => bus.off(channel, handler);
    },
    lead(onChange) {
      let leading = true;
      onChange(true);
      return {
        get leading() {
          return leading;
        },
        async stop() {
          if (leading) onChange(false);
          leading = false;
        },
      };
    },
    liveProcesses: async () => 1,
    async close() {
      bus.removeAllListeners();
    },
  };
}
