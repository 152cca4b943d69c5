import type { Actor, ImportKind, ImportProblem, ImportSummary } from '@tessera/domain';
import { importTemplate, sortProblems } from '@tessera/domain';
import { type Db, type Executor, findParticipantSettings, insertAuditEvent, newId } from '@tessera/db';
import Papa from 'papaparse';
import { actorFromToken } from '../actor';
import type { ParticipantKeys } from '../services/participants.service';
import { planAttendanceImport } from './attendance-import';
import { planParticipantImport } from './participants-import';
import type { Planner, ProgressListener } from './progress';
import type { ImportFile } from './read-file';

/**
 * Importing participants and attendance. `previewImport` checks a whole file and says what it
 * would do; `commitImport` checks it again and, only when there is no problem at all, writes
 * everything inside the caller's one transaction (so the file lands whole or not at all). Both
 * report progress every 500 rows and let the event loop run between chunks.
 */
export interface ImportOutcome {
  ok: boolean;
  summary: ImportSummary;
  /** Every problem, in file order (by row, then column); never a cell's value. */
  problems: ImportProblem[];
}

const planners: Record<ImportKind, Planner> = {
  participants: planParticipantImport,
  attendance: planAttendanceImport,
};

export async function previewImport(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  kind: ImportKind,
  file: ImportFile,
  onProgress?: ProgressListener,
): Promise<ImportOutcome> {
  const plan = await planners[kind](db, actor, keys, file, onProgress);
  return { ok: plan.problems.length === 0, summary: plan.summary, problems: sortProblems(plan.problems) };
}

/** Checks and writes; with any problem nothing is written and the counts stay at zero. */
export async function commitImport(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  kind: ImportKind,
  file: ImportFile,
  onProgress?: ProgressListener,
): Promise<ImportOutcome> {
  const plan = await planners[kind](db, actor, keys, file, onProgress);
  if (plan.problems.length > 0) {
    return {
      ok: false,
      summary: { rows: plan.summary.rows, created: 0, updated: 0, unchanged: 0, enrolled: 0 },
      problems: sortProblems(plan.problems),
    };
  }
  await plan.apply(onProgress);
  const { created, updated, enrolled } = plan.summary;
  if (created + updated + enrolled > 0) {
    // One event for the whole file: what kind of records, never a value.
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'import',
      entityId: newId(),
      fields: [kind],
    });
  }
  return { ok: true, summary: plan.summary, problems: [] };
}

/** The template as CSV text: the header row and one example row. */
export function importTemplateCsv(kind: ImportKind, options: { attributeKeys?: string[]; codePrefix?: string } = {}) {
  const template = importTemplate(kind, options);
  return `${Papa.unparse([template.columns, template.example])}\r\n`;
}

/** The template for one organisation: its code prefix and its extra attribute columns. */
export async function organizationImportTemplateCsv(db: Executor, actor: Actor, kind: ImportKind): Promise<string> {
  const settings = await findParticipantSettings(db, actor.orgId);
  return importTemplateCsv(kind, {
    attributeKeys: settings.attributes.map((a) => a.key),
    codePrefix: settings.codeScheme === 'sequential' ? settings.codePrefix : 'U',
  });
}

/** For the HTTP routes: the signed-in actor, if the role may write participant data. */
export function importActor(
  db: Db,
  token: string | null,
  options: { now: Date; sessionLifetimeMs: number },
): Promise<Actor> {
  return actorFromToken(db, token, 'participant.write', options);
}
