import type { Migration } from 'kysely';
import * as m0001 from './2026-11-21-0001-foundation';
import * as m0002 from './2026-11-21-0002-grants';
import * as m0003 from './2026-11-21-0003-delivery';
import * as m0004 from './2026-11-21-0004-results';
import * as m0005 from './2026-11-21-0005-outcome-description-sealed';
import * as m0006 from './2026-11-22-0001-frozen-report-packs';
import * as m0007 from './2026-12-03-0001-idempotency-keys';
import * as m0008 from './2026-12-03-0002-budget-revision-line-index';
import * as m0009 from './2026-12-03-0003-match-contributions';
import * as m0010 from './2026-12-03-0005-report-variance-explanations';
import * as m0011 from './2026-12-03-0006-match-evidence';
import * as m0012 from './2026-12-03-0007-instance-settings';
import * as m0013 from './2026-12-03-0008-sign-in-second-factor';
import * as m0014 from './2026-12-03-0009-audit-labels';
import * as m0015 from './2026-12-03-0010-session-start-time';
import * as m0016 from './2026-12-03-0011-user-us-formats';
import * as m0017 from './2026-12-03-0013-funder-templates';

/** Static list, so bundles and tests need no directory glob. Names sort in the order to apply. */
export const migrations: Record<string, Migration> = {
  '2026-11-21-0001-foundation': m0001,
  '2026-11-21-0002-grants': m0002,
  '2026-11-21-0003-delivery': m0003,
  '2026-11-21-0004-results': m0004,
  '2026-11-21-0005-outcome-description-sealed': m0005,
  '2026-11-22-0001-frozen-report-packs': m0006,
  '2026-12-03-0001-idempotency-keys': m0007,
  '2026-12-03-0002-budget-revision-line-index': m0008,
  '2026-12-03-0003-match-contributions': m0009,
  '2026-12-03-0005-report-variance-explanations': m0010,
  '2026-12-03-0006-match-evidence': m0011,
  '2026-12-03-0007-instance-settings': m0012,
  '2026-12-03-0008-sign-in-second-factor': m0013,
  '2026-12-03-0009-audit-labels': m0014,
  '2026-12-03-0010-session-start-time': m0015,
  '2026-12-03-0011-user-us-formats': m0016,
  '2026-12-03-0013-funder-templates': m0017,
};
