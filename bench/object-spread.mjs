// `node bench/object-spread.mjs`: what an object literal that begins with a spread costs on this
// Node, against the same object written out, measured in the same run (the reason for the server
// bundle's build step, server/leading-spread.mjs). On Node 20 (V8 11.3) the object a leading spread
// clones takes about 1.5 us for each property added to it; a spread of null put first avoids that.
const base = (i) => ({ runId: 'run_1', nodeId: 'c', attempt: i, input: null, startedAt: i, finishedAt: i });
const shapes = {
  'written out (the baseline)': (b) => ({
    runId: b.runId,
    nodeId: b.nodeId,
    attempt: b.attempt,
    input: b.input,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    status: 's',
    output: 1,
    ports: 2,
    logs: 3,
  }),
  '{ ...b, four more }': (b) => ({ ...b, status: 's', output: 1, ports: 2, logs: 3 }),
  '{ ...null, ...b, four more } (the build step)': (b) => ({ ...null, ...b, status: 's', output: 1, ports: 2, logs: 3 }),
  '{ ...b } then one property set': (b) => {
    const o = { ...b };
    o.status = 's';
    return o;
  },
  '{ ...null, ...b } then one property set (the build step)': (b) => {
    const o = { ...null, ...b };
    o.status = 's';
    return o;
  },
  '{ ...b } alone': (b) => ({ ...b }),
  '{ ...null, ...b } alone (the build step)': (b) => ({ ...null, ...b }),
};
const N = 200_000;
const nsPer = (make) => {
  let kept;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) kept = make(base(i));
  if (!kept) throw new Error('nothing made');
  return Number(process.hrtime.bigint() - t0) / N;
};
// Three rounds, the shapes in turns; the median of each.
const times = Object.fromEntries(Object.keys(shapes).map((name) => [name, []]));
for (let round = 0; round < 3; round++) for (const [name, make] of Object.entries(shapes)) times[name].push(nsPer(make));
const median = (xs) => [...xs].sort((a, b) => a - b)[1];
const baseline = median(times['written out (the baseline)']);
console.log(`Node ${process.version}, ${N} objects a round, median of 3 rounds`);
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(58)} ${median(xs).toFixed(0).padStart(6)} ns  x${(median(xs) / baseline).toFixed(1)}`);
