import { auditFieldEntry } from '@tessera/domain';
import { isMessageId } from '../../i18n/catalogs';

/** A message to format: its id and values, which may themselves be messages. */
export interface LabelMessage {
  id: string;
  values?: Record<string, string | LabelMessage>;
}

/**
 * The message that labels a recorded field name, or null for a name the registry does not list
 * (an event older than the registry, shown as it was recorded). A narrative section is named by
 * the report page's own section title; a variance explanation by its budget line's code.
 */
export function auditFieldMessage(entity: string, field: string): LabelMessage | null {
  const entry = auditFieldEntry(entity, field);
  if (!entry) return null;
  if (entry.key.startsWith('narrative.')) {
    const section = entry.key.slice('narrative.'.length);
    return { id: 'audit.field.narrative', values: { section: { id: `reports.section.${section}.title` } } };
  }
  if (entry.key === 'varianceExplanations.*') {
    return { id: 'audit.field.varianceExplanations', values: { code: entry.rest ?? '' } };
  }
  const specific = `audit.field.${entity}.${entry.key}`;
  return { id: isMessageId(specific) ? specific : `audit.field.${entry.key}` };
}

/** Every message id a label needs, for the catalog test. */
export function messageIdsOf(message: LabelMessage): string[] {
  return [
    message.id,
    ...Object.values(message.values ?? {}).flatMap((v) => (typeof v === 'string' ? [] : messageIdsOf(v))),
  ];
}

export function formatLabel(
  format: (id: string, values?: Record<string, string>) => string,
  message: LabelMessage,
): string {
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(message.values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : formatLabel(format, v)]),
  );
  return format(message.id, values);
}
