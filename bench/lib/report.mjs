// Turns the figures of one run into table rows (figure, baseline, ratio, target, verdict). Pure.
import { median, ratio } from './stats.mjs';

const fmt = (v, unit = '') => (v === null || v === undefined ? '-' : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`);
const verdict = (ok) => (ok === null ? '' : ok ? 'meets' : 'MISSES');

/** Rows for the summary table; each row states its target and whether this run met it. */
export function buildRows(r) {
  const rows = [];
  for (const lvl of r.ingest ?? []) {
    const s = lvl.switchyard;
    const at50 = lvl.connections === 50;
    rows.push({
      figure: `ingest ${lvl.connections} clients (acked/s)`,
      value: fmt(s.perSecond),
      baseline: `${fmt(lvl.baseline.perSecond)} bare node:http`,
      ratio: lvl.ratio,
      target: at50 ? '>= 3,000/s (#2); >= 0.30 (#9)' : '',
      verdict: at50 ? verdict(s.perSecond >= 3000 && lvl.ratio >= 0.3) : '',
    });
    rows.push({
      figure: `ingest ${lvl.connections} clients p50 / p99`,
      value: `${fmt(s.p50Ms)} / ${fmt(s.p99Ms)} ms`,
      baseline: `${fmt(lvl.baseline.p50Ms)} / ${fmt(lvl.baseline.p99Ms)} ms`,
      ratio: ratio(s.p99Ms, lvl.baseline.p99Ms),
      target: at50 ? 'p99 < 20 ms (#2); < 10 ms (#9)' : '',
      verdict: at50 ? verdict(s.acked > 0 && s.p99Ms < 10) + (s.acked > 0 && s.p99Ms < 20 && s.p99Ms >= 10 ? ' (#2 met)' : '') : '',
    });
    if (at50 && s.cpuMsPerRequest !== null) {
      rows.push({
        figure: `ingest ${lvl.connections} clients CPU per request`,
        value: fmt(s.cpuMsPerRequest, ' ms'),
        baseline: fmt(lvl.baseline.cpuMsPerRequest, ' ms'),
        ratio: lvl.cpuRatio,
        target: '',
        verdict: '',
      });
    }
  }
  const e = r.endToEnd;
  if (e?.http) {
    rows.push({
      figure: 'webhook -> http (deliveries/s)',
      value: fmt(e.http.deliveriesPerSecond),
      baseline: `${fmt(e.reference.deliveriesPerSecond)} non-durable ref.`,
      ratio: e.http.ratioToReference,
      target: '>= 0.25, none lost (#2)',
      verdict: verdict(e.http.ratioToReference >= 0.25 && e.http.missing === 0),
    });
    if (e.http.cpuMsPerEvent !== null) {
      rows.push({
        figure: 'webhook -> http CPU per event',
        value: fmt(e.http.cpuMsPerEvent, ' ms'),
        baseline: `${fmt(e.reference.cpuMsPerEvent, ' ms')} ref.`,
        ratio: e.http.cpuRatioToReference,
        target: '',
        verdict: '',
      });
    }
    rows.push({
      figure: 'webhook -> http: last delivery lag / lost',
      value: `${fmt(e.http.lastDeliveryLagMs)} ms / ${e.http.missing}`,
      baseline: `${fmt(e.reference.lastDeliveryLagMs)} ms / ${e.reference.missing}`,
      ratio: null,
      target: 'none lost',
      verdict: verdict(e.http.missing === 0),
    });
  }
  if (e?.code) {
    const c = e.code;
    rows.push(
      c.available === false
        ? { figure: 'webhook -> code -> http', value: 'not available yet', baseline: '', ratio: null, target: '>= 0.75 of ref. (#9)', verdict: '' }
        : {
            figure: 'webhook -> code -> http (deliveries/s)',
            value: fmt(c.deliveriesPerSecond),
            baseline: `${fmt(e.reference.deliveriesPerSecond)} ref.; ${fmt(e.http.deliveriesPerSecond)} w->http`,
            ratio: c.ratioToReference,
            target: '>= 0.75 of ref. (#9); >= 0.75 of w->http (#3)',
            verdict: verdict(c.ratioToReference >= 0.75 && c.ratioToHttp >= 0.75),
          },
    );
  }
  if (e?.sustained) {
    const { healthy, failing } = e.sustained;
    rows.push({
      figure: `receiver failing 50 %, sustained load (deliveries/s, steady)`,
      value: fmt(failing.steadyPerSecond),
      baseline: `${fmt(healthy.steadyPerSecond)} healthy`,
      ratio: e.sustained.ratio,
      target: '>= 0.50 of healthy, none lost (#4)',
      verdict: verdict(e.sustained.ratio >= 0.5 && failing.missing === 0 && healthy.missing === 0),
    });
  }
  if (e?.failing) {
    rows.push({
      figure: `receiver failing 50 %, a burst of ${fmt(e.failing.events)} (deliveries/s)`,
      value: fmt(e.failing.deliveriesPerSecond),
      baseline: `${fmt(e.http.deliveriesPerSecond)} healthy`,
      ratio: e.failing.ratioToHealthy,
      target: 'shown only: ends with the retry tail; none lost (#4)',
      verdict: verdict(e.failing.missing === 0),
    });
    rows.push({
      figure: 'failing 50 %, middle 80 % of deliveries',
      value: fmt(e.failing.steadyPerSecond),
      baseline: `${fmt(e.http.steadyPerSecond)} healthy`,
      ratio: e.failing.steadyRatioToHealthy ?? null,
      target: 'shown only: the retry tail left out',
      verdict: '-',
    });
  }
  if (e?.defaultSchedule) {
    const d = e.defaultSchedule;
    rows.push({
      figure: 'failing 50 %, default schedule: lost',
      value: `${d.lost} (${d.delivered} delivered, ${d.waitingForRetry} waiting)`,
      baseline: `${d.acked} acked`,
      ratio: null,
      target: 'none lost (#4)',
      verdict: verdict(d.lost === 0),
    });
  }
  const f = r.footprint;
  if (f) {
    rows.push({
      figure: 'idle memory (RSS)',
      value: fmt(f.switchyard.idleRssMb, ' MB'),
      baseline: `${fmt(f.bare.idleRssMb, ' MB')} bare node:http`,
      ratio: ratio(f.switchyard.idleRssMb, f.bare.idleRssMb),
      target: '< 100 MB (#9)',
      verdict: verdict(f.switchyard.idleRssMb < 100),
    });
    if (f.switchyard.helperProcesses > 0) {
      rows.push({
        figure: `idle memory with ${f.switchyard.helperProcesses} sandbox processes`,
        value: fmt(f.switchyard.idleTreeRssMb, ' MB'),
        baseline: '',
        ratio: ratio(f.switchyard.idleTreeRssMb, f.bare.idleRssMb),
        target: '< 100 MB (#9)?',
        verdict: verdict(f.switchyard.idleTreeRssMb < 100),
      });
    }
    if (f.switchyard.afterLoadRssMb) {
      const tree = f.switchyard.afterLoadTreeRssMb;
      rows.push({
        figure: 'memory after the load (RSS)',
        value: `${fmt(f.switchyard.afterLoadRssMb, ' MB')}${tree && tree !== f.switchyard.afterLoadRssMb ? `; ${fmt(tree, ' MB')} with sandbox` : ''}`,
        baseline: '',
        ratio: ratio(f.switchyard.afterLoadRssMb, f.bare.idleRssMb),
        target: '',
        verdict: '',
      });
    }
    rows.push({
      figure: 'spawn to first 200 on /healthz',
      value: fmt(f.switchyard.readyMs, ' ms'),
      baseline: `${fmt(f.bare.readyMs, ' ms')} bare node:http`,
      ratio: ratio(f.switchyard.readyMs, f.bare.readyMs),
      target: '< 500 ms (#9)',
      verdict: verdict(f.switchyard.readyMs < 500),
    });
  }
  return rows;
}

/** Footprint of the Switchyard servers of the run (medians over every server started). */
export function footprintOf(samples, afterLoad = {}) {
  const med = (k) => median(samples.map((s) => s[k]).filter((x) => x !== null && x !== undefined));
  return {
    readyMs: Math.round(med('readyMs')),
    idleRssMb: med('idleRssMb'),
    idleTreeRssMb: med('idleTreeRssMb'),
    helperProcesses: med('helperProcesses'),
    afterLoadRssMb: afterLoad.rssMb ?? null,
    afterLoadTreeRssMb: afterLoad.treeRssMb ?? null,
    samples,
  };
}
