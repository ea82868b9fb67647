// Assembles the source that prepares every fresh context: a function expression taking the
// host callbacks, built from the installers' own source text (so they are linted and
// type-checked like any module, and run from src or dist alike). Only the driver is set up
// eagerly; helper globals are made on first use, because a context is made for every call
// and most calls touch few helpers.
import { makeConsole } from './console.js';
import { installDriver } from './driver.js';
import { makeEncoding } from './encoding.js';
import { installHarden } from './harden.js';
import { makeHelpers } from './helpers.js';
import { installKit } from './kit.js';
import { createOutput } from './output.js';
import { makeUrl } from './url.js';

/** Source of `(function (input, done, log, crypto, url, load) { ... })`, evaluated once per context. @param {import('./kit.js').Caps} caps */
export function buildPreludeSource(caps) {
  return `(function (input, done, log, crypto, url, load) {
  'use strict';
  const g = globalThis;
  const host = { input, done, log, crypto, url, load };
  const caps = ${JSON.stringify(caps)};
  const kit = (${installKit})(g);
  const out = (${createOutput})(kit, caps);
  (${installDriver})(g, host, kit, caps, out);
  kit.lazyGroup(() => (${makeConsole})(host, kit), ['console']);
  kit.lazyGroup(() => (${makeEncoding})(host, kit), ['btoa', 'atob', 'base64', 'crypto']);
  kit.lazyGroup(() => (${makeUrl})(host, kit), ['URL', 'URLSearchParams']);
  kit.lazyGroup(() => (${makeHelpers})(kit), ['text', 'num', 'list', 'obj']);
  (${installHarden})(g, host, kit);
})`;
}
