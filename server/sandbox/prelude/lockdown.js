// Runs inside the isolate (see kit.js: nothing from module scope), once per warm context,
// after every global is made. A context serves many calls, one after another, so nothing a call can change may
// survive it: every intrinsic and helper is frozen (SES lockdown-style), the realm-wide
// RegExp match statics are removed, and the global object itself is kept extensible for the
// call's own globals (`x = 1`, `globalThis.y = 2`), which `reset` deletes after each call.

/**
 * Freezes the realm and returns the reset that runs after each call.
 * @param {typeof globalThis} g
 * @returns {() => boolean} reset: deletes the call's own globals; false when the context can no longer be made clean
 */
export function installLockdown(g) {
  const O = Object;
  const ownKeys = Reflect.ownKeys;
  const deleteProperty = Reflect.deleteProperty;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze, isExtensible } = O;

  /**
   * Data properties of shared prototypes that ordinary code assigns on its own objects
   * (`this.name = 'MyError'` in an Error subclass, `obj.toString = ...`). Frozen, they would make
   * such an assignment fail (the "override mistake"), so they become accessors whose setter
   * defines the property on the object assigned to. Kept short on purpose: V8 keeps fast paths
   * (array species, promise then, iteration) only while Array.prototype.constructor,
   * Promise.prototype.then/constructor and the iterators are untouched.
   * @returns {[object, string[]][]}
   */
  const overridable = () => {
    const errors = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError'];
    /** @type {[object, string[]][]} */
    const list = [
      [Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
      [Function.prototype, ['constructor', 'toString', 'bind', 'apply', 'call']],
    ];
    for (const name of errors) {
      const ctor = /** @type {Record<string, { prototype?: object }>} */ (/** @type {unknown} */ (g))[name];
      if (ctor?.prototype) list.push([ctor.prototype, ['constructor', 'name', 'message', 'toString']]);
    }
    return list;
  };

  // RegExp.$1, lastMatch, input, leftContext...: V8 keeps the last match of the whole realm
  // there, so a later call could read what an earlier one matched.
  for (const key of ownKeys(RegExp)) {
    if (key !== Symbol.species && getOwnPropertyDescriptor(RegExp, key)?.get) deleteProperty(RegExp, key);
  }

  for (const [proto, names] of overridable()) {
    for (const name of names) {
      const d = getOwnPropertyDescriptor(proto, name);
      if (!d || !('value' in d)) continue;
      const value = d.value;
      defineProperty(proto, name, {
        get: freeze(function () {
          return value;
        }),
        set: freeze(
          /** @this {object} @param {unknown} v */
          function (v) {
            if (this === proto) throw new TypeError(`Cannot assign to read only property '${name}' of a shared built-in`);
            defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
          },
        ),
        enumerable: d.enumerable,
        configurable: false,
      });
    }
  }

  // Hidden intrinsics that no property path from the global reaches.
  const roots = [
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(''[Symbol.iterator]()),
    getPrototypeOf(new Map()[Symbol.iterator]()),
    getPrototypeOf(new Set()[Symbol.iterator]()),
    getPrototypeOf(/./[Symbol.matchAll]('')),
    getPrototypeOf(function* () {}),
    getPrototypeOf(async function () {}),
    getPrototypeOf(async function* () {}),
    getPrototypeOf((function () {
      return arguments;
    })()),
  ];
  for (const key of ownKeys(g)) {
    const d = /** @type {PropertyDescriptor} */ (getOwnPropertyDescriptor(g, key));
    roots.push(d.value, d.get, d.set);
  }
  /** @type {Set<unknown>} */
  const seen = new Set([g]);
  while (roots.length) {
    const o = roots.pop();
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue;
    seen.add(o);
    freeze(o);
    roots.push(getPrototypeOf(o));
    for (const key of ownKeys(o)) {
      const d = /** @type {PropertyDescriptor} */ (getOwnPropertyDescriptor(o, key));
      roots.push(d.value, d.get, d.set);
    }
  }

  // The global object's own properties stay as they are for every call; new ones are the call's.
  for (const key of ownKeys(g)) {
    const d = /** @type {PropertyDescriptor} */ (getOwnPropertyDescriptor(g, key));
    defineProperty(g, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
  }
  const baseline = new Set(ownKeys(g));
  const count = baseline.size;
  const proto = getPrototypeOf(g);

  return () => {
    let keys = ownKeys(g);
    if (keys.length !== count) {
      for (const key of keys) if (!baseline.has(key)) deleteProperty(g, key);
      keys = ownKeys(g);
    }
    // A call that added a non-configurable global, froze the global or changed its prototype
    // leaves something behind: the host then drops this context for a fresh one.
    return keys.length === count && getPrototypeOf(g) === proto && isExtensible(g);
  };
}
