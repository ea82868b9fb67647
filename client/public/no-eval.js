// Runs before the app's modules. Zod builds fast object parsers with `new Function` unless
// `jitless` is set, and probes for it as each object schema is built; the content security
// policy forbids eval, so even the swallowed probe would be reported as a violation.
{
  const g = /** @type {typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } }} */ (globalThis);
  (g.__zod_globalConfig ??= {}).jitless = true;
}
