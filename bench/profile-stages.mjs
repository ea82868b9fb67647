// `node bench/profile-stages.mjs <file.cpuprofile> [events]`: the server's busy profile samples
// by stage of the webhook -> code -> http path (ingest, claim, sandbox IPC, outbound HTTP,
// commit, ...), each sample given to the most specific stage found on its stack; with the
// number of events, also microseconds per event. The stage markers are function names of the
// bundled server, so a rename moves a stage's share to "other": check that share first.
import { readFileSync } from 'node:fs';

const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const events = Number(process.argv[3] ?? 0);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const cats = [
  ['commit: COMMIT and the WAL fsync', (f, u, l) => (f === 'finish' && u.includes('trigger-resolver') && l < 70) || f === 'fsync' || (u.includes('trigger-resolver') && l >= 1530 && l <= 1560)],
  ['code step config check (acorn parse)', (f) => f === 'checkCodeSyntax'],
  [
    'sandbox IPC: send, receive, check the reply',
    (f, u) =>
      f === 'writeChannelMessage' ||
      f === 'channel.onread' ||
      (u.includes('child_process') && f === 'emit') ||
      f === 'codeResult' ||
      f === 'encodeScope' ||
      f === 'scopeNeededBy' ||
      f === 'runCode' ||
      f === 'pump' ||
      f === 'submit',
  ],
  ['outbound HTTP (http runner, undici)', (f, u) => f === 'deliver' || f === 'writeH1' || f === 'onHttpSocketReadable' || f === '_resume' || (f === 'send' && u.includes('start'))],
  ['claim (queries, take, mark running)', (f) => f === 'claim' || f === 'claimJobs'],
  ['load the run, event, steps', (f) => f === 'load'],
  [
    'ingest: HTTP in, parse, durable insert, 202',
    (f) =>
      f === 'ingest' ||
      f === 'intake' ||
      f === 'parserOnHeadersComplete' ||
      f === 'parserOnMessageComplete' ||
      f === 'parserOnBody' ||
      f === 'sendJson' ||
      f === 'onParserExecute' ||
      f === 'parseBody',
  ],
  ['step record insert', (f) => f === 'recordStep' || f === 'insert'],
  ['plan, scope, step records in memory', (f) => f === 'executeRun' || f === 'runStep' || f === 'applyTurn' || f === 'planTurn' || f === 'recordOutcome'],
  ['garbage collector', (f) => f === '(garbage collector)'],
];
const totals = new Map();
let busy = 0;
p.samples.forEach((id, i) => {
  const d = p.timeDeltas[i] ?? 0;
  const leaf = byId.get(id).callFrame;
  if (leaf.functionName === '(idle)') return;
  busy += d;
  let cat = 'other (event loop, timers, metrics, ...)';
  outer: for (let c = id; c !== undefined; c = parent.get(c)) {
    const f = byId.get(c).callFrame;
    for (const [name, m] of cats)
      if (m(f.functionName, f.url, f.lineNumber + 1)) {
        cat = name;
        break outer;
      }
  }
  totals.set(cat, (totals.get(cat) ?? 0) + d);
});
console.log(`busy ${Math.round(busy / 1000)} ms${events ? `, ${Math.round(busy / events)} us per event` : ''}`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${((v / busy) * 100).toFixed(1)} % |${events ? ` ${Math.round(v / events)} us |` : ''}`);
