import * as z from 'zod';
import { emailField, idField, requiredText } from './fields';
import { roleSchema } from './organization';
import type { Role } from './roles';

export const addMemberInput = z.object({
  email: emailField,
  displayName: requiredText(120),
  role: roleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const setMemberRoleInput = z.object({ userId: idField, role: roleSchema });
export type SetMemberRoleInput = z.infer<typeof setMemberRoleInput>;

export const removeMemberInput = z.object({ userId: idField });
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  addedAt: string;
  /** Whether the member signs in with a second factor (an admin may reset it). */
  hasSecondFactor: boolean;
}

export const resetSecondFactorInput = z.object({ userId: idField });
export const setSecondFactorRequiredInput = z.object({ required: z.boolean() });

/**
 * An organisation must always keep an admin: refusing the change that would leave none is a
 * domain rule, not a UI nicety, because nobody could then manage members.
 */
export function wouldLeaveNoAdmin(
  members: readonly { userId: string; role: Role }[],
  change: { userId: string; newRole: Role | null },
): boolean {
  const remaining = members
    .map((m) => (m.userId === change.userId ? { ...m, role: change.newRole } : m))
    .filter((m) => m.role === 'admin');
  return remaining.length === 0;
}
