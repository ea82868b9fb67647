// Plain-text table for the summary on stdout.

/** Prints the rows as an aligned text table. */
export function printTable(rows, log = console.log) {
  const head = { figure: 'figure', value: 'switchyard', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target', verdict: '' };
  const cols = Object.keys(head);
  const cell = (row, c) => (c === 'ratio' && typeof row[c] === 'number' ? row[c].toFixed(2) : String(row[c] ?? (c === 'ratio' ? '-' : '')));
  const width = cols.map((c) => Math.max(...[head, ...rows].map((row) => cell(row, c).length)));
  const line = (row) =>
    cols
      .map((c, i) => cell(row, c).padEnd(width[i]))
      .join('  ')
      .trimEnd();
  log(line(head));
  log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
}
