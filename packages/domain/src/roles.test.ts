import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wouldLeaveNoAdmin } from './members';
import { can, permissions, roles } from './roles';

describe('permissions', () => {
  it('lets only admin and finance write funders, everyone read them', () => {
    expect(roles.filter((r) => can(r, 'funder.write'))).toEqual(['admin', 'finance']);
    expect(roles.filter((r) => can(r, 'funder.read'))).toEqual([...roles]);
  });

  it('reserves member management and the audit log for admins', () => {
    for (const permission of ['member.read', 'member.manage', 'audit.read'] as const) {
      expect(roles.filter((r) => can(r, permission))).toEqual(['admin']);
    }
  });

  it('gives every permission at least to admin', () => {
    for (const permission of Object.keys(permissions) as (keyof typeof permissions)[]) {
      expect(can('admin', permission)).toBe(true);
    }
  });
});

describe('the last admin', () => {
  const member = fc.record({ userId: fc.constantFrom('a', 'b', 'c', 'd'), role: fc.constantFrom(...roles) });

  it('refuses exactly the changes that leave no admin', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(member, { selector: (m) => m.userId, minLength: 1 }),
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.option(fc.constantFrom(...roles)),
        (members, userId, newRole) => {
          const after = members
            .filter((m) => !(m.userId === userId && newRole === null))
            .map((m) => (m.userId === userId && newRole ? { ...m, role: newRole } : m));
          expect(wouldLeaveNoAdmin(members, { userId, newRole })).toBe(!after.some((m) => m.role === 'admin'));
        },
      ),
    );
  });
});
