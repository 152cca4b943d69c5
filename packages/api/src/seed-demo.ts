import type { CreateFunderInput, Role } from '@tessera/domain';
import { filledFields, todayIn } from '@tessera/domain';
import {
  countOrganizations,
  type Db,
  findLastOrganization,
  findMembership,
  findOrganizationBySlug,
  findUserByEmail,
  insertAuditEvent,
  insertFunder,
  insertMembership,
  insertOrganization,
  insertUser,
  listFunders,
  setLastOrganization,
  setFunderArchived,
} from '@tessera/db';
import { seedDemoGrants } from './seed-demo-grants';
import { seedDemoProgramme } from './seed-demo-programme';
import { seedDemoResults } from './seed-demo-results';
import { seedDemoSecurity } from './seed-demo-security';
import { hashPassword } from './services/passwords';

/** Every demo account shares this password; the start command prints it. Demo only. */
export const demoPassword = 'tessera-demo';

export const demoUsers: { email: string; displayName: string; memberships: { org: string; role: Role }[] }[] = [
  {
    email: 'admin@demo.test',
    displayName: 'Ana Petrovska',
    memberships: [
      { org: 'demo', role: 'admin' },
      { org: 'network', role: 'viewer' },
    ],
  },
  {
    email: 'coordinator@demo.test',
    displayName: 'Marija Stojanova',
    memberships: [{ org: 'demo', role: 'coordinator' }],
  },
  { email: 'finance@demo.test', displayName: 'Elena Trajkovska', memberships: [{ org: 'demo', role: 'finance' }] },
  { email: 'viewer@demo.test', displayName: 'Sara Lindqvist', memberships: [{ org: 'demo', role: 'viewer' }] },
  { email: 'network-admin@demo.test', displayName: 'Drita Hoxha', memberships: [{ org: 'network', role: 'admin' }] },
];

const organizations = [
  {
    slug: 'demo',
    name: 'Zora Collective',
    country: 'MK',
    baseCurrency: 'MKD',
    defaultLocale: 'mk' as const,
    suppressionThreshold: 5,
    timeZone: 'Europe/Skopje',
  },
  {
    slug: 'network',
    name: 'Balkan Community Rights Network',
    country: 'RS',
    baseCurrency: 'EUR',
    defaultLocale: 'en' as const,
    suppressionThreshold: 5,
    timeZone: 'Europe/Belgrade',
  },
];

const funders: Record<string, (CreateFunderInput & { archived?: boolean })[]> = {
  demo: [
    {
      name: 'U.S. Embassy Skopje — Democracy Commission Small Grants',
      kind: 'government',
      country: 'MK',
      website: 'https://mk.usembassy.gov',
      contactName: 'Grants Office',
      contactEmail: 'grants-office@embassy.example',
      notes: 'Small grants in USD; SF-425 financial report and a performance progress report.',
    },
    {
      name: 'Balkan Community Rights Network',
      kind: 'network',
      country: 'RS',
      website: 'https://network.example.org',
      contactName: 'Drita Hoxha',
      contactEmail: 'subgrants@network.example.org',
      notes: 'Regional sub-grants in EUR, reported on the network’s own template.',
    },
    {
      name: 'Open Horizons Women’s Fund',
      kind: 'foundation',
      country: 'NL',
      website: 'https://horizons-fund.example.org',
      contactName: 'Programme team',
      contactEmail: 'programmes@horizons-fund.example.org',
      notes: 'Core and project support in EUR for women-led groups.',
    },
    {
      name: 'Фондација Отворен Град',
      kind: 'foundation',
      country: 'MK',
      website: null,
      contactName: null,
      contactEmail: null,
      notes: 'Local foundation; Cyrillic name kept as the funder writes it.',
    },
    {
      name: 'Old Bridges Trust',
      kind: 'private',
      country: 'GB',
      website: 'https://oldbridges.example.org',
      contactName: null,
      contactEmail: null,
      notes: 'Funded the 2023 outreach; closed its programme.',
      archived: true,
    },
  ],
  network: [
    {
      name: 'European Partnership Instrument',
      kind: 'multilateral',
      country: 'BE',
      website: 'https://partnership.example.eu',
      contactName: null,
      contactEmail: null,
      notes: 'Re-granted to member organisations.',
    },
  ],
};

export function isDatabaseEmpty(db: Db): Promise<boolean> {
  return countOrganizations(db).then((n) => n === 0);
}

/**
 * Loads the demo organisations, users and funders. Idempotent: whatever already exists (matched
 * by slug, email, funder name) is left alone, so running it twice changes nothing.
 */
export async function seedDemo(
  db: Db,
  now: Date = new Date(),
  secretKey: Uint8Array | null = null,
): Promise<{ created: number }> {
  const passwordHash = await hashPassword(demoPassword);
  return db.transaction().execute(async (trx) => {
    let created = 0;
    const orgIds = new Map<string, string>();
    const newOrgs = new Set<string>();
    for (const org of organizations) {
      const existing = await findOrganizationBySlug(trx, org.slug);
      const row = existing ?? (await insertOrganization(trx, org));
      if (!existing) {
        created += 1;
        newOrgs.add(org.slug);
      }
      orgIds.set(org.slug, row.id);
    }
    for (const demoUser of demoUsers) {
      let user = await findUserByEmail(trx, demoUser.email);
      if (!user) {
        user = await insertUser(trx, {
          email: demoUser.email,
          displayName: demoUser.displayName,
          passwordHash,
          locale: 'en',
        });
        created += 1;
      }
      for (const m of demoUser.memberships) {
        const orgId = orgIds.get(m.org);
        if (!orgId || (await findMembership(trx, orgId, user.id))) continue;
        await insertMembership(trx, orgId, user.id, m.role);
        created += 1;
      }
      // Everyone opens their first listed organisation on first sign-in.
      const firstOrgId = orgIds.get(demoUser.memberships[0]?.org ?? '');
      if (firstOrgId && (await findLastOrganization(trx, user.id)) === null)
        await setLastOrganization(trx, user.id, firstOrgId);
    }
    for (const [slug, list] of Object.entries(funders)) {
      const orgId = orgIds.get(slug);
      if (!orgId) continue;
      const existing = await listFunders(trx, orgId, {
        search: '',
        status: 'all',
        sort: 'name',
        direction: 'asc',
        limit: 200,
        offset: 0,
      });
      const names = new Set(existing.items.map((f) => f.name));
      for (const { archived, ...input } of list) {
        if (names.has(input.name)) continue;
        const funder = await insertFunder(trx, orgId, input);
        if (archived) {
          await setFunderArchived(trx, orgId, funder.id, funder.version, true);
        }
        await insertAuditEvent(trx, {
          orgId,
          userId: null,
          action: 'create',
          entity: 'funder',
          entityId: funder.id,
          // No user: the demo loader made it. Field names, as for every other create.
          fields: filledFields(input),
        });
        created += 1;
      }
    }
    const demo = orgIds.get('demo');
    if (demo) created += await seedDemoSecurity(trx, { id: demo, created: newOrgs.has('demo') }, secretKey);
    if (demo) {
      const today = todayIn('Europe/Skopje', now);
      created += await seedDemoGrants(trx, demo, today);
      created += await seedDemoProgramme(trx, demo, today, secretKey);
      created += await seedDemoResults(trx, demo, today, secretKey);
    }
    return { created };
  });
}
