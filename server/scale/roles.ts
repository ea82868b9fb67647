/**
 * What one process does (`switchyard start --role web,worker,scheduler`). With PostgreSQL a
 * deployment runs each role in as many processes as it likes (the scheduler leads in one at a
 * time); with SQLite one process does all three.
 */
export const ROLES = ['web', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];
export type Roles = ReadonlySet<Role>;

/** The default: everything in one process. */
export const ALL_ROLES: Roles = new Set(ROLES);

const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** Parses `web,worker` (comma-separated, any order, repeats allowed); empty or absent means all three. A bad name is an error naming it. */
export function parseRoles(text: string | undefined): Roles {
  const names = (text ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (!names.length) return ALL_ROLES;
  const unknown = names.filter((n) => !isRole(n));
  if (unknown.length) throw new Error(`Unknown role ${unknown.map((n) => `"${n}"`).join(', ')}: the roles are ${ROLES.join(', ')} (comma-separated, e.g. --role web,worker).`);
  return new Set(names.filter(isRole));
}

/** The roles in their usual order, for logs and messages. */
export const describeRoles = (roles: Roles): string => ROLES.filter((r) => roles.has(r)).join(',');

/** Why these roles cannot run on embedded SQLite, if they cannot: one process there does everything. */
export function refusalOnSqlite(roles: Roles): string | undefined {
  if (ROLES.every((r) => roles.has(r))) return undefined;
  return `--role ${describeRoles(roles)} needs PostgreSQL (set DATABASE_URL=postgres://...): with embedded SQLite one process serves every role, so start it without --role.`;
}
