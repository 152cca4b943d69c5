/**
 * Roles and what each may do. Every API procedure names one permission; this table is the only
 * place that says which roles hold it, so a permission test can walk it exhaustively.
 */
export const roles = ['admin', 'coordinator', 'finance', 'viewer'] as const;
export type Role = (typeof roles)[number];

const everyone: readonly Role[] = roles;

export const permissions = {
  'organization.read': everyone,
  'member.read': ['admin'],
  'member.manage': ['admin'],
  'audit.read': ['admin'],
  'funder.read': everyone,
  'funder.write': ['admin', 'finance'],
  /** Grant summaries, budget lines, tranches, budget vs actual, deadlines. */
  'grant.read': everyone,
  'grant.write': ['admin', 'finance'],
  /** The ledger: payees, descriptions and receipts of expenditures. */
  'ledger.read': ['admin', 'finance'],
  'ledger.write': ['admin', 'finance'],
  'rate.read': everyone,
  'rate.write': ['admin', 'finance'],
  /** Organisation settings: participant codes, attributes, suppression threshold. */
  'settings.write': ['admin'],
  /** Partners, projects, activities, sessions, outputs and every count about them. */
  'delivery.read': everyone,
  'delivery.write': ['admin', 'coordinator'],
  /** Anything that names a participant: codes, registers, enrolments, contact, notes. */
  'participant.read': ['admin', 'coordinator'],
  'participant.write': ['admin', 'coordinator'],
  'participant.erase': ['admin'],
  /** Indicators (the logframe) and their hand-entered values. */
  'results.write': ['admin', 'coordinator'],
  /** Report packs and their exports: aggregates only, suppressed below k. */
  'report.read': everyone,
  /** Preparing a report pack, writing its narrative, marking it submitted. */
  'report.write': ['admin', 'coordinator', 'finance'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export function rolesFor(permission: Permission): readonly Role[] {
  return permissions[permission];
}

/** The actor every service call carries: who, in which organisation, with which role. */
export interface Actor {
  /** Null for the server operator at the admin CLI. */
  userId: string | null;
  orgId: string;
  role: Role;
}
