import type { ImportProblem, ParticipantFields, ParticipantImportRow } from '@tessera/domain';
import {
  attributeColumnPrefix,
  checkParticipantRow,
  DomainError,
  importLimits,
  messageKey,
  readImportHeader,
  rowRecord,
} from '@tessera/domain';
import {
  bumpCodeSequence,
  findParticipantSettings,
  findParticipantsByCode,
  insertParticipants,
  newId,
  type ParticipantValues,
  type StoredParticipant,
  updateParticipant,
} from '@tessera/db';
import { participantCrypto } from '../participant-crypto';
import { openParticipant, sealParticipant, sequenceOf } from '../services/participants.service';
import { chunks, emptySummary, type Planner, report } from './progress';

/**
 * The stored fields with the file's columns laid over them: a column the file leaves out keeps
 * what is stored; a present but empty cell clears the value (undisclosed).
 */
function merge(before: ParticipantFields, row: ParticipantImportRow): ParticipantFields {
  const has = (column: string) => row.columns.has(column);
  const attributes = { ...before.attributes };
  for (const column of row.columns) {
    if (!column.startsWith(attributeColumnPrefix)) continue;
    const key = column.slice(attributeColumnPrefix.length);
    const value = row.fields.attributes[key];
    if (value) attributes[key] = value;
    else delete attributes[key];
  }
  return {
    gender: has('gender') ? row.fields.gender : before.gender,
    ageBand: has('age_band') ? row.fields.ageBand : before.ageBand,
    city: has('city') ? row.fields.city : before.city,
    attributes,
    contact: has('contact') ? row.fields.contact : before.contact,
    notes: has('notes') ? row.fields.notes : before.notes,
    consentDate: has('consent_date') ? row.fields.consentDate : before.consentDate,
    consentScope: has('consent_scope') ? row.fields.consentScope : before.consentScope,
  };
}

/** Order-free comparison: the same values in another order are no change. */
function comparable(fields: ParticipantFields): string {
  return JSON.stringify([
    fields.gender,
    fields.ageBand,
    fields.city,
    Object.entries(fields.attributes).sort(([a], [b]) => a.localeCompare(b)),
    fields.contact,
    fields.notes,
    fields.consentDate,
    [...fields.consentScope].sort(),
  ]);
}

/**
 * Participants by code: a code not yet known creates a participant, a known one is updated
 * when the file says something different, and left alone (not rewritten) when it does not, so
 * the same file imported twice changes nothing. Contact, notes and sensitive attributes are
 * compared decrypted and sealed again only when written.
 */
export const planParticipantImport: Planner = async (db, actor, keys, file, onProgress) => {
  const crypto = participantCrypto(keys.secretKey);
  const settings = await findParticipantSettings(db, actor.orgId);
  const header = readImportHeader(
    'participants',
    file.header,
    settings.attributes.map((a) => a.key),
    file.headerLine,
  );
  const summary = emptySummary(file.rows.length);
  const problems: ImportProblem[] = [...file.problems, ...header.problems];
  const noop = async () => {};
  if (header.problems.length > 0) return { summary, problems, apply: noop };

  const creates: { code: string; fields: ParticipantFields }[] = [];
  const updates: { stored: StoredParticipant; fields: ParticipantFields }[] = [];
  const firstLine = new Map<string, number>();
  const total = file.rows.length;
  let done = 0;
  for (const chunk of chunks(file.rows, importLimits.chunkRows)) {
    const valid: { line: number; row: ParticipantImportRow }[] = [];
    for (const { line, cells } of chunk) {
      const checked = checkParticipantRow(rowRecord(header, cells), line, header.present);
      if (!checked.ok) {
        problems.push(...checked.problems);
        continue;
      }
      if (firstLine.has(checked.value.code)) {
        problems.push({ row: line, column: 'code', message: messageKey('validation.duplicate') });
        continue;
      }
      firstLine.set(checked.value.code, line);
      valid.push({ line, row: checked.value });
    }
    const stored = await findParticipantsByCode(
      db,
      actor.orgId,
      valid.map((v) => v.row.code),
    );
    for (const { line, row } of valid) {
      const existing = stored.get(row.code);
      if (!existing) {
        creates.push({ code: row.code, fields: row.fields });
        continue;
      }
      if (existing.erasedAt !== null) {
        problems.push({ row: line, column: 'code', message: messageKey('validation.erased') });
        continue;
      }
      const before = openParticipant(crypto, actor.orgId, existing);
      const after = merge(before, row);
      if (comparable(before) === comparable(after)) summary.unchanged += 1;
      else updates.push({ stored: existing, fields: after });
    }
    done += chunk.length;
    await report(onProgress, 'checking', done, total);
  }
  summary.created = creates.length;
  summary.updated = updates.length;

  const apply = async (listener: typeof onProgress) => {
    const writes = creates.length + updates.length;
    let written = 0;
    const asked = new Set(settings.attributes.map((a) => a.key));
    const seal = (id: string, fields: ParticipantFields): ParticipantValues => {
      // A value of an attribute the organisation no longer asks is not carried into the rewrite.
      const attributes = Object.fromEntries(Object.entries(fields.attributes).filter(([key]) => asked.has(key)));
      const sealed = sealParticipant(crypto, actor.orgId, id, settings.attributes, { ...fields, attributes });
      // The header admits only the organisation's attributes, so this cannot happen.
      if (Object.keys(sealed.errors).length > 0) throw new DomainError('VALIDATION', 'Unknown attribute.');
      return sealed.values;
    };
    for (const chunk of chunks(creates, importLimits.chunkRows)) {
      await insertParticipants(
        db,
        actor.orgId,
        chunk.map((c) => {
          const id = newId();
          return { ...seal(id, c.fields), id, code: c.code, codeScheme: settings.codeScheme };
        }),
      );
      written += chunk.length;
      await report(listener, 'writing', written, writes);
    }
    if (settings.codeScheme === 'sequential') {
      // Codes typed in the organisation's form move the sequence past them (as when typed by hand).
      const highest = creates.reduce((max, c) => Math.max(max, sequenceOf(settings.codePrefix, c.code) ?? 0), 0);
      if (highest > 0) await bumpCodeSequence(db, actor.orgId, highest + 1);
    }
    for (const chunk of chunks(updates, importLimits.chunkRows)) {
      for (const { stored, fields } of chunk) {
        const target = { id: stored.id, version: stored.version };
        if (!(await updateParticipant(db, actor.orgId, target, seal(stored.id, fields)))) {
          throw new DomainError(
            'STALE_VERSION',
            'Someone changed a participant while the file was imported. Import the file again.',
          );
        }
      }
      written += chunk.length;
      await report(listener, 'writing', written, writes);
    }
  };
  return { summary, problems, apply };
};
