import type { CreateIndicatorInput, MeasureSpec } from '@tessera/domain';
import { addDays, noFilter } from '@tessera/domain';
import {
  type Executor,
  enrolledParticipantIds,
  findActivityByName,
  findGrantByReference,
  insertIndicator,
  insertOutcome,
  listIndicators,
  listProjects,
  newId,
  upsertIndicatorValue,
} from '@tessera/db';
import { participantCrypto } from './participant-crypto';
import { lastDayOfMonth, monthStart } from './seed-demo-grants';
import { sealDescription } from './services/outcome-descriptions';

/**
 * The demo's results: a logframe for the embassy grant (derived from the data, with one
 * hand-entered percentage) and for the two other projects, and outcome records for the career
 * training (20 certificates, 8 women in work). docs/demo-data.md lists them; the report pack
 * tests read them back.
 */

const measureOf = (measure: MeasureSpec['measure'], filter: Partial<MeasureSpec['filter']> = {}): MeasureSpec => ({
  measure,
  filter: { ...noFilter, ...filter },
});

function base(
  over: Partial<CreateIndicatorInput> & Pick<CreateIndicatorInput, 'code' | 'name' | 'level' | 'unit'>,
): CreateIndicatorInput {
  return {
    projectId: null,
    grantId: null,
    resultStatement: null,
    definition: null,
    type: 'number',
    direction: 'increase',
    baselineValue: 0,
    baselineYear: null,
    baselineComment: null,
    lifeTarget: null,
    targets: [],
    dataSource: null,
    collectionMethod: null,
    frequency: null,
    responsible: null,
    disaggregation: [],
    source: 'derived',
    numerator: null,
    denominator: null,
    ...over,
  };
}

/** Loads the results unless the organisation has indicators already. Returns records made. */
export async function seedDemoResults(
  db: Executor,
  orgId: string,
  today: string,
  secretKey: Uint8Array | null,
): Promise<number> {
  const embassy = await findGrantByReference(db, orgId, 'S-MK100-26-GR-014');
  if (!embassy) return 0;
  if ((await listIndicators(db, orgId, { grantId: embassy.id })).length > 0) return 0;
  const anchor = embassy.startDate;
  const projects = await listProjects(db, orgId);
  const projectId = (title: string) => projects.find((p) => p.title === title)?.id ?? null;
  const digital = projectId('Digital rights and safety');
  const visible = projectId('Visible together');
  let created = 0;
  const firstHalf = { periodStart: anchor, periodEnd: lastDayOfMonth(anchor, 5) };
  const secondHalf = { periodStart: monthStart(anchor, 6), periodEnd: lastDayOfMonth(anchor, 11) };

  const grantIndicators: CreateIndicatorInput[] = [
    base({
      grantId: embassy.id,
      level: 'output',
      resultStatement: 'Women in sex work gain skills to find other income.',
      code: '1.1',
      name: 'Women completing the career counselling training',
      definition: 'Participants who attended at least 80% of the planned hours.',
      unit: 'women',
      lifeTarget: 20,
      targets: [
        { ...firstHalf, target: 20 },
        { ...secondHalf, target: 0 },
      ],
      dataSource: 'Attendance register',
      collectionMethod: 'Register taken at every session',
      frequency: 'Every session',
      responsible: 'Project coordinator',
      disaggregation: ['ageBand'],
      numerator: measureOf('completions', { activityKind: 'training' }),
    }),
    base({
      grantId: embassy.id,
      level: 'output',
      code: '1.2',
      name: 'Participant hours of career counselling',
      unit: 'hours',
      lifeTarget: 1600,
      targets: [{ ...firstHalf, target: 1600 }],
      dataSource: 'Attendance register',
      frequency: 'Every session',
      responsible: 'Project coordinator',
      numerator: measureOf('participantHours', { activityKind: 'training' }),
    }),
    base({
      grantId: embassy.id,
      level: 'outcome',
      resultStatement: 'Women who want to leave sex work find other paid work.',
      code: '2.1',
      name: 'Participants who found work within six months',
      unit: 'women',
      lifeTarget: 8,
      targets: [
        { ...firstHalf, target: 4 },
        { ...secondHalf, target: 4 },
      ],
      dataSource: 'Follow-up calls by the counsellors',
      collectionMethod: 'Outcome records',
      frequency: 'Monthly',
      responsible: 'Career counsellors',
      disaggregation: ['ageBand'],
      numerator: measureOf('outcomeRecords', { outcomeKind: 'employment' }),
    }),
    base({
      grantId: embassy.id,
      level: 'outcome',
      code: '2.2',
      name: 'Share of participants completing the training',
      unit: '%',
      type: 'percentage',
      lifeTarget: 80,
      numerator: measureOf('completions', { activityKind: 'training' }),
      denominator: measureOf('uniqueParticipants', { activityKind: 'training' }),
    }),
    base({
      grantId: embassy.id,
      level: 'impact',
      code: '3.1',
      name: 'Participants who feel more confident about looking for work',
      unit: '%',
      type: 'percentage',
      source: 'manual',
      baselineValue: 30,
      baselineYear: Number(anchor.slice(0, 4)),
      baselineComment: 'Intake questionnaire',
      lifeTarget: 75,
      dataSource: 'Exit questionnaire',
      collectionMethod: 'Anonymous questionnaire at the last session',
      frequency: 'Once, at the end of the training',
      responsible: 'Project coordinator',
    }),
  ];
  const projectIndicators: CreateIndicatorInput[] = [];
  if (digital) {
    projectIndicators.push(
      base({
        projectId: digital,
        level: 'output',
        code: 'D1',
        name: 'People trained in digital safety',
        unit: 'people',
        lifeTarget: 30,
        disaggregation: ['city'],
        numerator: measureOf('uniqueParticipants', { activityKind: 'workshop' }),
      }),
      base({
        projectId: digital,
        level: 'output',
        code: 'D2',
        name: 'Campaign videos published',
        unit: 'videos',
        lifeTarget: 5,
        numerator: measureOf('outputQuantity', { outputKind: 'video' }),
      }),
      base({
        projectId: digital,
        level: 'output',
        code: 'D3',
        name: 'People reached at presentation events',
        unit: 'people',
        lifeTarget: 80,
        disaggregation: ['gender'],
        numerator: measureOf('headCount', { activityKind: 'event' }),
      }),
    );
  }
  if (visible) {
    projectIndicators.push(
      base({
        projectId: visible,
        level: 'output',
        code: 'V1',
        name: '"Know your rights" cards distributed',
        unit: 'cards',
        lifeTarget: 600,
        numerator: measureOf('outputQuantity', { outputKind: 'card' }),
      }),
    );
  }
  const ids = new Map<string, string>();
  for (const indicator of [...grantIndicators, ...projectIndicators]) {
    ids.set(indicator.code, await insertIndicator(db, orgId, indicator));
    created += 1;
  }
  const confidence = ids.get('3.1');
  if (confidence) {
    await upsertIndicatorValue(db, orgId, {
      indicatorId: confidence,
      periodStart: firstHalf.periodStart,
      periodEnd: firstHalf.periodEnd,
      value: null,
      numerator: 17,
      denominator: 20,
      comment: '17 of the 20 women said they felt more confident.',
    });
    created += 1;
  }

  // Outcome records for the career training: a certificate each, and eight women in work.
  const [activity] = await findActivityByName(db, orgId, 'CT-1');
  if (activity) {
    const people = await enrolledParticipantIds(db, orgId, activity.id);
    // Descriptions are sealed: without the server's key the demo leaves them out.
    const crypto = secretKey ? participantCrypto(secretKey) : null;
    for (const [i, participantId] of people.entries()) {
      const id = newId();
      await insertOutcome(db, orgId, {
        id,
        participantId,
        activityId: activity.id,
        kind: 'certificate',
        date: addDays(activity.endDate, 2),
        scoreBefore: null,
        scoreAfter: null,
        descriptionEnc: crypto && sealDescription(crypto, orgId, id, 'Career counselling certificate'),
      });
      created += 1;
      if (i < 8) {
        const date = addDays(activity.endDate, 20 + i * 12);
        if (date > today) continue;
        await insertOutcome(db, orgId, {
          id: newId(),
          participantId,
          activityId: activity.id,
          kind: 'employment',
          date,
          scoreBefore: null,
          scoreAfter: null,
          descriptionEnc: null,
        });
        created += 1;
      }
    }
  }
  return created;
}
