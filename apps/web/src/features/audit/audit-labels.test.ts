import { auditEntities, auditFieldRegistry } from '@tessera/domain';
import { createIntl } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../i18n/all-catalogs';
import { isMessageId, loadCatalog } from '../../i18n/catalogs';
import { auditFieldMessage, formatLabel, messageIdsOf } from './audit-labels';

// Which keys have messages is known once a language is loaded (as in the app).
beforeAll(async () => {
  await loadCatalog('en');
});

/**
 * Every field name any service may write to the audit log (the services' audit calls are typed
 * against `auditFieldRegistry`, so the compiler holds them to it) has a label in every language,
 * and every kind of record a name.
 */
describe('audit log labels', () => {
  const pairs = auditEntities.flatMap((entity) =>
    (auditFieldRegistry[entity] as readonly string[]).map((field) => [entity, field.replace(/\*$/, 'B1')] as const),
  );

  it('covers a hundred-odd fields', () => {
    expect(pairs.length).toBeGreaterThan(100);
  });

  for (const locale of ['en', 'mk', 'sv', 'sq'] as const) {
    it(`labels every recorded field and every kind of record in ${locale}`, () => {
      const intl = createIntl({
        locale,
        messages: catalogs[locale],
        onError: (error) => {
          throw error;
        },
      });
      const format = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
      for (const [entity, field] of pairs) {
        const message = auditFieldMessage(entity, field);
        expect(message, `${entity}.${field} has no label`).not.toBeNull();
        if (!message) continue;
        for (const id of messageIdsOf(message)) expect(isMessageId(id), `${locale}: ${id}`).toBe(true);
        const label = formatLabel(format, message);
        expect(label.trim(), `${locale}: ${entity}.${field}`).not.toBe('');
        expect(label, `${locale}: ${entity}.${field} shows the raw name`).not.toBe(field);
      }
      for (const entity of auditEntities) expect(isMessageId(`audit.entity.${entity}`), entity).toBe(true);
    });
  }

  it('names a narrative section by its title and a variance explanation by its line', () => {
    const intl = createIntl({ locale: 'mk', messages: catalogs.mk });
    const format = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
    const summary = auditFieldMessage('report_pack', 'narrative.summary');
    const line = auditFieldMessage('report_pack', 'varianceExplanations.B1');
    expect(summary && formatLabel(format, summary)).toBe(`Наратив: ${catalogs.mk['reports.section.summary.title']}`);
    expect(line && formatLabel(format, line)).toBe('Објаснување на отстапувањето, ставка B1');
    expect(auditFieldMessage('report_pack', 'amountMinor')).toBeNull();
    expect(auditFieldMessage('indicator', 'source')?.id).toBe('audit.field.indicator.source');
    expect(auditFieldMessage('grant', 'amountMinor')?.id).toBe('audit.field.amountMinor');
  });
});
