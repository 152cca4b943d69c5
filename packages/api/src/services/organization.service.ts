import type { Actor, Organization } from '@tessera/domain';
import { DomainError } from '@tessera/domain';
import { type Executor, findOrganizationById } from '@tessera/db';

export async function getCurrentOrganization(db: Executor, actor: Actor): Promise<Organization> {
  const org = await findOrganizationById(db, actor.orgId);
  if (!org) throw new DomainError('NOT_FOUND', 'No such organisation.');
  return org;
}
