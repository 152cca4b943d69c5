import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../src/connection';
import { createTestDatabase } from '../src/testing';

let opened: OpenedDatabase | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('migration 2026-12-03-0002-budget-revision-line-index', () => {
  it('lets a line’s revisions be found by the line, not by scanning every revision', async () => {
    opened = await createTestDatabase();
    const plan = await sql<{ detail: string }>`explain query plan
      select amount_after_minor from budget_revision_line where budget_line_id = ${'line-1'}`.execute(opened.db);
    expect(plan.rows.map((r) => r.detail).join('\n')).toContain('budget_revision_line_line_idx');
  });
});
