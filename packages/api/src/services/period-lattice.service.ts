import {
  type Actor,
  isLatticePeriod,
  type LatticePeriod,
  type LatticeSpan,
  messageKey,
  peopleCountThreshold,
  periodLattice,
} from '@tessera/domain';
import { type Executor, findProject, listDeadlines, listGrantIndicators, listIndicators } from '@tessera/db';
import { invalid, notFound } from './errors';
import { requireGrant, requireOrganization } from './grants.service';

/** A grant or a project: what a results view or a report pack is about. */
export type LatticeOwner = { grantId: string } | { projectId: string };

export interface OwnerLattice {
  span: LatticeSpan;
  periods: LatticePeriod[];
}

/**
 * The periods that may be asked for about a grant (its span, years, quarters, reporting periods
 * and indicator target periods) or a project (span, years, quarters, its grants' reporting
 * periods and its target periods). ADR 0012.
 */
export async function latticeOf(db: Executor, actor: Actor, owner: LatticeOwner): Promise<OwnerLattice> {
  if ('grantId' in owner) {
    const grant = await requireGrant(db, actor, owner.grantId);
    const deadlines = await listDeadlines(db, actor.orgId, { grantId: grant.id });
    const indicators = await listGrantIndicators(db, actor.orgId, grant.id);
    const span = { startDate: grant.startDate, endDate: grant.endDate };
    return {
      span,
      periods: periodLattice(span, [
        ...deadlines.map((d) => ({ from: d.periodStart, to: d.periodEnd, kind: 'reporting' as const })),
        ...indicators.flatMap((i) =>
          i.targets.map((t) => ({ from: t.periodStart, to: t.periodEnd, kind: 'target' as const })),
        ),
      ]),
    };
  }
  const project = await findProject(db, actor.orgId, owner.projectId);
  if (!project) throw notFound('project');
  const indicators = await listIndicators(db, actor.orgId, { projectId: project.id });
  // A project reports on the periods of the grants that fund it, too.
  const deadlines = [];
  for (const { grantId } of project.grants) deadlines.push(...(await listDeadlines(db, actor.orgId, { grantId })));
  const span = { startDate: project.startDate, endDate: project.endDate };
  return {
    span,
    periods: periodLattice(span, [
      ...deadlines.map((d) => ({ from: d.periodStart, to: d.periodEnd, kind: 'reporting' as const })),
      ...indicators.flatMap((i) =>
        i.targets.map((t) => ({ from: t.periodStart, to: t.periodEnd, kind: 'target' as const })),
      ),
    ]),
  };
}

/**
 * Refuses a period outside the lattice, with the reason on both date fields. Called for every
 * reader whose counts are suppressed, and for every report pack (packs leave the organisation).
 */
export async function requireLatticePeriod(
  db: Executor,
  actor: Actor,
  owner: LatticeOwner,
  period: { from: string; to: string },
): Promise<OwnerLattice> {
  const lattice = await latticeOf(db, actor, owner);
  if (!isLatticePeriod(lattice.periods, lattice.span, period)) {
    throw invalid('Only the offered periods may be asked for here.', {
      from: [messageKey('validation.notLatticePeriod')],
      to: [messageKey('validation.notLatticePeriod')],
    });
  }
  return lattice;
}

/** The periods a reader may pick for a grant or project, and whether any dates will do. */
export async function readerPeriods(
  db: Executor,
  actor: Actor,
  scope: { grantId?: string | undefined; projectId?: string | undefined },
): Promise<OwnerLattice & { anyDates: boolean }> {
  if (!scope.grantId && !scope.projectId) {
    throw invalid('Name a grant or a project.', { grantId: [messageKey('validation.required')] });
  }
  const org = await requireOrganization(db, actor);
  const lattice = await latticeOf(
    db,
    actor,
    scope.grantId ? { grantId: scope.grantId } : { projectId: scope.projectId ?? '' },
  );
  return { ...lattice, anyDates: peopleCountThreshold(actor.role, org.suppressionThreshold) === null };
}
