import type { VariablePort } from '../store/ports/variables.js';
import type { BundledVariable } from './workflow-bundle.js';

/** What importing a bundle's variables did: created, kept (a variable of that name exists here), and secrets to set by hand. */
export interface VariablesImported {
  created: string[];
  kept: string[];
  /** Secret variables the workflows read that do not exist here: their values are not in a bundle. */
  secretsToSet: string[];
}

/**
 * Creates the bundle's plain variables that do not exist yet; an existing one is never
 * overwritten (another installation's value may differ on purpose). Secret variables travel by
 * name only, so the missing ones are listed for the person importing to set.
 */
export async function importVariables(variables: readonly BundledVariable[], port: Pick<VariablePort, 'get' | 'insert'>, now: number): Promise<VariablesImported> {
  const out: VariablesImported = { created: [], kept: [], secretsToSet: [] };
  for (const v of variables) {
    if (v.secret) {
      if (!(await port.get(v.name))) out.secretsToSet.push(v.name);
    } else if (await port.insert({ name: v.name, secret: false, value: v.value, createdAt: now, updatedAt: now })) out.created.push(v.name);
    else out.kept.push(v.name);
  }
  return out;
}
