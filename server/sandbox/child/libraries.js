// Libraries bundled into the sandbox as source text, read once per child process from
// node_modules and compiled once per isolate (see isolate-slot.js).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** dayjs plugins loaded with it: time zones, parsing formats, durations, relative times. */
const DAYJS_PLUGINS = ['utc', 'timezone', 'customParseFormat', 'advancedFormat', 'relativeTime', 'duration', 'isoWeek', 'isBetween'];

/** @typedef {{ filename: string, code: string }} LibrarySource */

/** Each library's scripts, run in order in the context that first uses it. @returns {Map<string, LibrarySource[]>} */
export function loadLibrarySources() {
  /** @param {string} id */
  const read = (id) => ({ filename: `lib/${id}`, code: readFileSync(require.resolve(id), 'utf8') });
  const dayjs = [read('dayjs/dayjs.min.js'), ...DAYJS_PLUGINS.map((p) => read(`dayjs/plugin/${p}.js`))];
  // The UMD builds assign globalThis.dayjs and globalThis.dayjs_plugin_<name>.
  dayjs.push({
    filename: 'lib/dayjs-setup.js',
    code: `${DAYJS_PLUGINS.map((p) => `dayjs.extend(globalThis.dayjs_plugin_${p}); delete globalThis.dayjs_plugin_${p};`).join('\n')}`,
  });
  return new Map([['dayjs', dayjs]]);
}
