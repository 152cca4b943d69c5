import { nowIso } from '../clock';
import type { Executor } from '../connection';

/** Names of the installation-wide settings. */
export type InstanceSettingKey = 'secret_key_check';

/** One installation-wide setting's value, or null when it was never written. */
export async function getInstanceSetting(db: Executor, key: InstanceSettingKey): Promise<string | null> {
  const row = await db.selectFrom('instance_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setInstanceSetting(db: Executor, key: InstanceSettingKey, value: string): Promise<void> {
  const updatedAt = nowIso();
  await db
    .insertInto('instance_setting')
    .values({ key, value, updated_at: updatedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
}
