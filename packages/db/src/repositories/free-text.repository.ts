import type { FreeTextKind } from '@tessera/domain';
import type { Executor } from '../connection';

/** One record's free text that leaves the coordinators' circle, with a label an admin recognises. */
export interface FreeTextRecord {
  kind: FreeTextKind;
  id: string;
  /** What the record is called on its own screen ("Digital safety, Strumica", "2026-03-02 · Bitola"). */
  title: string;
  /** Field path → stored text. */
  texts: Record<string, string | null>;
}

function parseJsonArray<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const parseNarrative = (json: string) => parseJsonArray<{ key: string; body: string }>(json);

/**
 * Every stored free text of the organisation that finance staff, viewers, a network or an
 * export can read (the fields the services check with the participant-code rule), record by
 * record. Sealed texts (participant notes, outcome descriptions, submitted packs) are not here:
 * they never leave the circle in clear. Read by the admin's code-findings check.
 */
export async function listFreeTextRecords(db: Executor, orgId: string): Promise<FreeTextRecord[]> {
  const records: FreeTextRecord[] = [];

  for (const r of await db
    .selectFrom('funder')
    .select(['id', 'name', 'contact_name', 'notes'])
    .where('org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'funder',
      id: r.id,
      title: r.name,
      texts: { name: r.name, contactName: r.contact_name, notes: r.notes },
    });
  }

  for (const r of await db
    .selectFrom('grant')
    .select(['id', 'title', 'reference', 'restrictions', 'notes'])
    .where('org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'grant',
      id: r.id,
      title: r.title,
      texts: { title: r.title, reference: r.reference, restrictions: r.restrictions, notes: r.notes },
    });
  }

  for (const r of await db
    .selectFrom('grant_status_change as c')
    .innerJoin('grant as g', 'g.id', 'c.grant_id')
    .select(['c.id', 'c.status', 'c.date', 'c.note', 'g.title'])
    .where('c.org_id', '=', orgId)
    .where('c.note', 'is not', null)
    .execute()) {
    records.push({
      kind: 'grantStatusChange',
      id: r.id,
      title: `${r.title} · ${r.status} · ${r.date}`,
      texts: { note: r.note },
    });
  }

  for (const r of await db
    .selectFrom('budget_line as l')
    .innerJoin('grant as g', 'g.id', 'l.grant_id')
    .select(['l.id', 'l.code', 'l.category', 'l.description', 'g.title'])
    .where('l.org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'budgetLine',
      id: r.id,
      title: `${r.title} · ${r.code}`,
      texts: { code: r.code, category: r.category, description: r.description },
    });
  }

  for (const r of await db
    .selectFrom('budget_revision as v')
    .innerJoin('grant as g', 'g.id', 'v.grant_id')
    .select(['v.id', 'v.date', 'v.justification', 'g.title'])
    .where('v.org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'budgetRevision',
      id: r.id,
      title: `${r.title} · ${r.date}`,
      texts: { justification: r.justification },
    });
  }

  for (const r of await db
    .selectFrom('tranche as t')
    .innerJoin('grant as g', 'g.id', 't.grant_id')
    .select(['t.id', 't.expected_date', 't.note', 'g.title'])
    .where('t.org_id', '=', orgId)
    .where('t.note', 'is not', null)
    .execute()) {
    records.push({ kind: 'tranche', id: r.id, title: `${r.title} · ${r.expected_date}`, texts: { note: r.note } });
  }

  for (const r of await db
    .selectFrom('reporting_deadline as d')
    .innerJoin('grant as g', 'g.id', 'd.grant_id')
    .select(['d.id', 'd.due_date', 'd.note', 'g.title'])
    .where('d.org_id', '=', orgId)
    .where('d.note', 'is not', null)
    .execute()) {
    records.push({ kind: 'deadline', id: r.id, title: `${r.title} · ${r.due_date}`, texts: { note: r.note } });
  }

  for (const r of await db
    .selectFrom('expenditure as e')
    .innerJoin('grant as g', 'g.id', 'e.grant_id')
    .select(['e.id', 'e.date', 'e.payee', 'e.description', 'e.receipt_reference', 'g.title'])
    .where('e.org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'expenditure',
      id: r.id,
      title: `${r.title} · ${r.date}`,
      texts: { payee: r.payee, description: r.description, receiptReference: r.receipt_reference },
    });
  }

  for (const r of await db
    .selectFrom('match_contribution as m')
    .innerJoin('grant as g', 'g.id', 'm.grant_id')
    .select(['m.id', 'm.date', 'm.source', 'm.description', 'm.evidence_reference', 'g.title'])
    .where('m.org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'matchContribution',
      id: r.id,
      title: `${r.title} · ${r.date}`,
      texts: { source: r.source, description: r.description, evidenceReference: r.evidence_reference },
    });
  }

  for (const r of await db
    .selectFrom('partner')
    .select(['id', 'name', 'city', 'description'])
    .where('org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'partner',
      id: r.id,
      title: r.name,
      texts: { name: r.name, city: r.city, description: r.description },
    });
  }

  const roles = new Map<string, string[]>();
  for (const r of await db
    .selectFrom('project_partner')
    .select(['project_id', 'role'])
    .where('org_id', '=', orgId)
    .orderBy('partner_id')
    .execute()) {
    roles.set(r.project_id, [...(roles.get(r.project_id) ?? []), r.role]);
  }
  for (const r of await db
    .selectFrom('project')
    .select(['id', 'title', 'summary'])
    .where('org_id', '=', orgId)
    .execute()) {
    const texts: Record<string, string | null> = { title: r.title, summary: r.summary };
    (roles.get(r.id) ?? []).forEach((role, i) => {
      texts[`partners.${i}.role`] = role;
    });
    records.push({ kind: 'project', id: r.id, title: r.title, texts });
  }

  for (const r of await db
    .selectFrom('activity')
    .select(['id', 'title', 'reference', 'city', 'description'])
    .where('org_id', '=', orgId)
    .execute()) {
    records.push({
      kind: 'activity',
      id: r.id,
      title: r.title,
      texts: { title: r.title, reference: r.reference, city: r.city, description: r.description },
    });
  }

  for (const r of await db
    .selectFrom('activity_session as s')
    .innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.date', 's.module', 's.note', 'a.title'])
    .where('s.org_id', '=', orgId)
    .where((eb) => eb.or([eb('s.module', 'is not', null), eb('s.note', 'is not', null)]))
    .execute()) {
    records.push({
      kind: 'session',
      id: r.id,
      title: `${r.title} · ${r.date}`,
      texts: { module: r.module, note: r.note },
    });
  }

  for (const r of await db.selectFrom('output').select(['id', 'title', 'note']).where('org_id', '=', orgId).execute()) {
    records.push({ kind: 'output', id: r.id, title: r.title, texts: { title: r.title, note: r.note } });
  }

  for (const r of await db.selectFrom('indicator').selectAll().where('org_id', '=', orgId).execute()) {
    records.push({
      kind: 'indicator',
      id: r.id,
      title: `${r.code} ${r.name}`,
      texts: {
        resultStatement: r.result_statement,
        code: r.code,
        name: r.name,
        definition: r.definition,
        unit: r.unit,
        baselineComment: r.baseline_comment,
        dataSource: r.data_source,
        collectionMethod: r.collection_method,
        frequency: r.frequency,
        responsible: r.responsible,
      },
    });
  }

  for (const r of await db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.id', 'v.period_start', 'v.period_end', 'v.comment', 'i.code', 'i.name'])
    .where('v.org_id', '=', orgId)
    .where('v.comment', 'is not', null)
    .execute()) {
    records.push({
      kind: 'indicatorValue',
      id: r.id,
      title: `${r.code} ${r.name} · ${r.period_start}–${r.period_end}`,
      texts: { comment: r.comment },
    });
  }

  for (const r of await db
    .selectFrom('report_pack as p')
    .innerJoin('grant as g', 'g.id', 'p.grant_id')
    .select(['p.id', 'p.period_start', 'p.period_end', 'p.narrative', 'p.variance_explanations', 'g.title'])
    .where('p.org_id', '=', orgId)
    .execute()) {
    const texts: Record<string, string | null> = {};
    for (const section of parseNarrative(r.narrative)) texts[`narrative.${section.key}`] = section.body;
    for (const explanation of parseJsonArray<{ code: string; body: string }>(r.variance_explanations)) {
      texts[`varianceExplanations.${explanation.code}`] = explanation.body;
    }
    if (Object.keys(texts).length === 0) continue;
    records.push({ kind: 'reportPack', id: r.id, title: `${r.title} · ${r.period_start}–${r.period_end}`, texts });
  }

  return records;
}
