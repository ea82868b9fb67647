// Assembles the source that prepares a warm context: a function expression taking the host
// callbacks, built from the installers' own source text (so they are linted and type-checked
// like any module, and run from src or dist alike). A context serves many calls, so every
// global is made once, then the realm is frozen (lockdown.js); what returns is the function
// the host calls after each call to end it and delete the call's own globals.
import { makeConsole } from './console.js';
import { installDriver } from './driver.js';
import { makeEncoding } from './encoding.js';
import { declareLibraries, removeUnsafeGlobals } from './harden.js';
import { makeHelpers } from './helpers.js';
import { installKit } from './kit.js';
import { installLockdown } from './lockdown.js';
import { createOutput } from './output.js';
import { makeUrl } from './url.js';
import { makeStore } from './store.js';

/**
 * Source of `(function (input, done, log, crypto, url, load, store) { ... return endCall; })`,
 * evaluated once per warm context; `endCall()` returns false when the context cannot be made
 * clean again (the host then replaces it).
 * @param {import('./kit.js').Caps} caps
 */
export function buildPreludeSource(caps) {
  return `(function (input, done, log, crypto, url, load, store) {
  'use strict';
  const g = globalThis;
  const host = { input, done, log, crypto, url, load, store };
  const caps = ${JSON.stringify(caps)};
  const kit = (${installKit})(g);
  const out = (${createOutput})(kit, caps);
  const logs = (${makeConsole})(host, kit);
  const globals = { console: logs.console, ...(${makeEncoding})(host, kit), ...(${makeUrl})(host, kit), ...(${makeStore})(host, kit), ...(${makeHelpers})(kit) };
  for (const name of Object.keys(globals)) kit.define(name, globals[name]);
  const declare = ${declareLibraries};
  const endDriverCall = (${installDriver})(g, host, kit, caps, out, () => {
    logs.reset();
    declare(g, host, kit);
  });
  (${removeUnsafeGlobals})(g);
  const resetGlobals = (${installLockdown})(g);
  return () => {
    endDriverCall();
    return resetGlobals();
  };
})`;
}
