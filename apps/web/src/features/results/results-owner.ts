/**
 * Whose results a screen shows: a project's own indicators, or a grant's (its own and those of
 * the projects it funds). The dates are the owner's, the default period of the results view.
 */
export interface ResultsOwner {
  kind: 'project' | 'grant';
  id: string;
  startDate: string;
  endDate: string;
}

export function ownerScope(owner: ResultsOwner): { projectId: string } | { grantId: string } {
  return owner.kind === 'project' ? { projectId: owner.id } : { grantId: owner.id };
}
