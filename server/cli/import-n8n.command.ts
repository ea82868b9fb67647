import { convertN8nWorkflow } from '../../shared/import/n8n/convert.js';
import type { ImportReport } from '../../shared/import/n8n/report.js';
import type { WorkflowService } from '../services/workflow-service.js';

const out = (text: string) => process.stdout.write(text);

/** The report as a person reads it in a terminal: a summary line, then what needs a hand. */
export function reportText(r: ImportReport): string {
  const lines = [`  ${r.summary.exact} exact, ${r.summary.approximated} approximated, ${r.summary.manual} need your hand; ${r.summary.credentials} credential(s) to create`];
  for (const n of r.nodes)
    if (n.fidelity !== 'exact') lines.push(`  ${n.fidelity === 'manual' ? 'NEEDS YOUR HAND' : 'approximated   '}  ${n.n8nName} (${n.n8nType}) -> ${n.nodeId ?? '-'}: ${n.notes.join('; ')}`);
  for (const c of r.credentials) lines.push(`  credential       ${c.key}: create a "${c.type}" credential (${c.why}), used by ${c.nodeIds.join(', ')}`);
  for (const d of r.dropped) lines.push(`  dropped          ${d}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `workflow import --from n8n FILE`: each workflow of an n8n export (one object, or the array
 * `n8n export:workflow --all` writes) is converted, checked and created; `--dry-run` prints the
 * converted workflows and reports as JSON instead. A workflow that would not validate is not
 * created, and the command fails after trying the others.
 */
export async function importN8nFile(raw: unknown, opts: { dryRun?: boolean }, workflows: () => Promise<Pick<WorkflowService, 'create'>>): Promise<void> {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new Error('The file holds no n8n workflows.');
  const converted = list.map((wf, i) => ({ i, result: convertN8nWorkflow(wf) }));
  const problems: string[] = [];
  for (const { i, result } of converted) {
    if (!result.ok) problems.push(`workflow ${i + 1}: ${result.issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
    else
      for (const issue of result.report.issues.filter((x) => x.severity === 'error'))
        problems.push(`workflow ${i + 1} (${result.workflow.name}): ${issue.nodeId ? `${issue.nodeId} ` : ''}${issue.path}: ${issue.message}`);
  }
  if (opts.dryRun) {
    out(
      `${JSON.stringify(
        converted.map(({ result }) => (result.ok ? { workflow: result.workflow, report: result.report } : { issues: result.issues })),
        null,
        2,
      )}\n`,
    );
  } else {
    const service = await workflows();
    for (const { result } of converted) {
      if (!result.ok || result.report.issues.some((x) => x.severity === 'error')) continue;
      const created = await service.create(result.workflow, null);
      out(`${created.id}  ${result.workflow.name}\n${reportText(result.report)}`);
    }
  }
  if (problems.length) throw new Error(`Not imported:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
