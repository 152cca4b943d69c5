import type { CreateFunderInput, ListFundersInput } from '@tessera/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../src/connection';
import {
  findFunder,
  insertFunder,
  listFunders,
  setFunderArchived,
  updateFunder,
} from '../src/repositories/funder.repository';
import { createTestDatabase, createTestOrganization } from '../src/testing';

const base: CreateFunderInput = {
  name: '',
  kind: 'foundation',
  country: null,
  website: null,
  contactName: null,
  contactEmail: null,
  notes: null,
};
const list = (overrides: Partial<ListFundersInput> = {}): ListFundersInput => ({
  search: '',
  status: 'active',
  sort: 'name',
  direction: 'asc',
  limit: 50,
  offset: 0,
  ...overrides,
});

let opened: OpenedDatabase;
let orgId: string;
let otherOrgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  otherOrgId = (await createTestOrganization(opened.db)).id;
  await insertFunder(opened.db, orgId, { ...base, name: 'Фондација Отворен Град', country: 'MK' });
  await insertFunder(opened.db, orgId, {
    ...base,
    name: 'Embassy small grants',
    kind: 'government',
    country: 'US',
    contactName: 'Grants Desk',
  });
  await insertFunder(opened.db, orgId, { ...base, name: '100% Fund', kind: 'private', country: 'SE' });
  await insertFunder(opened.db, otherOrgId, { ...base, name: 'Embassy of elsewhere', kind: 'government' });
});

describe('funder repository', () => {
  it('round-trips every column', async () => {
    const created = await insertFunder(opened.db, orgId, {
      name: 'Full',
      kind: 'network',
      country: 'RS',
      website: 'https://n.example',
      contactName: 'Drita',
      contactEmail: 'd@n.example',
      notes: 'note',
    });
    expect(await findFunder(opened.db, orgId, created.id)).toEqual(created);
  });

  it('searches case-insensitively, in Cyrillic too, within one organisation', async () => {
    expect((await listFunders(opened.db, orgId, list({ search: 'EMBASSY' }))).items.map((f) => f.name)).toEqual([
      'Embassy small grants',
    ]);
    expect((await listFunders(opened.db, orgId, list({ search: 'отворен' }))).items.map((f) => f.name)).toEqual([
      'Фондација Отворен Град',
    ]);
    expect((await listFunders(opened.db, orgId, list({ search: 'grants desk' }))).total).toBe(1);
  });

  it('treats % and _ in a search as text', async () => {
    expect((await listFunders(opened.db, orgId, list({ search: '100%' }))).items.map((f) => f.name)).toEqual([
      '100% Fund',
    ]);
    expect((await listFunders(opened.db, orgId, list({ search: '%' }))).total).toBe(1);
  });

  it('sorts, pages and counts', async () => {
    const byCountryDesc = await listFunders(opened.db, orgId, list({ sort: 'country', direction: 'desc' }));
    expect(byCountryDesc.items.map((f) => f.country)).toEqual(['US', 'SE', 'MK']);
    const page = await listFunders(opened.db, orgId, list({ limit: 2, offset: 2 }));
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });

  it('never returns another organisation’s funder', async () => {
    const others = await listFunders(opened.db, otherOrgId, list());
    expect(others.items.map((f) => f.name)).toEqual(['Embassy of elsewhere']);
    expect(await findFunder(opened.db, orgId, others.items[0]!.id)).toBeUndefined();
  });

  it('updates only at the expected version', async () => {
    const [funder] = (await listFunders(opened.db, orgId, list({ search: 'embassy' }))).items;
    const updated = await updateFunder(opened.db, orgId, { ...funder!, name: 'Embassy grants', version: 1 });
    expect(updated?.version).toBe(2);
    expect(await updateFunder(opened.db, orgId, { ...funder!, name: 'Lost update', version: 1 })).toBeUndefined();
    expect((await findFunder(opened.db, orgId, funder!.id))?.name).toBe('Embassy grants');
  });

  it('archives out of the active list and into the archived one', async () => {
    const [funder] = (await listFunders(opened.db, orgId, list({ search: '100' }))).items;
    await setFunderArchived(opened.db, orgId, funder!.id, 1, true);
    expect((await listFunders(opened.db, orgId, list())).total).toBe(2);
    expect((await listFunders(opened.db, orgId, list({ status: 'archived' }))).items.map((f) => f.name)).toEqual([
      '100% Fund',
    ]);
    expect((await listFunders(opened.db, orgId, list({ status: 'all' }))).total).toBe(3);
  });
});
