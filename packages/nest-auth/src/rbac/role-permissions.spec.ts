import { AuthConfigurationError } from '../settings/auth-configuration.error';
import type { RoleSettings } from '../settings/auth-settings';
import { RolePermissions } from './role-permissions';
import { findInheritanceCycle } from '../permissions/role-graph';

const role = (permissions: string[], inherits: string[] = []): RoleSettings => ({
  permissions,
  inherits,
});

const ROLES: Record<string, RoleSettings> = {
  reader: role(['posts.read', 'users.read']),
  editor: role(['posts.*'], ['reader']),
  moderator: role(['*.delete']),
  chief: role([], ['editor', 'moderator']),
  admin: role(['*']),
  empty: role([]),
};

describe('RolePermissions', () => {
  const rbac = new RolePermissions(ROLES);

  it('expands inheritance transitively in patternsOf', () => {
    expect(rbac.patternsOf(['chief']).sort()).toEqual(
      ['*.delete', 'posts.*', 'posts.read', 'users.read'].sort(),
    );
    expect(rbac.patternsOf(['reader', 'editor']).sort()).toEqual(
      ['posts.*', 'posts.read', 'users.read'].sort(),
    );
  });

  it('allows what a role grants, directly or through inheritance', () => {
    expect(rbac.allows(['reader'], 'posts.read')).toBe(true);
    expect(rbac.allows(['editor'], 'users.read')).toBe(true);
    expect(rbac.allows(['editor'], 'posts.comments.write')).toBe(true);
    expect(rbac.allows(['chief'], 'users.delete')).toBe(true);
    expect(rbac.allows(['admin'], 'anything.at.all')).toBe(true);
  });

  it('refuses what no role grants', () => {
    expect(rbac.allows(['reader'], 'posts.write')).toBe(false);
    expect(rbac.allows(['editor'], 'users.write')).toBe(false);
    expect(rbac.allows(['moderator'], 'posts.comments.delete')).toBe(false);
    expect(rbac.allows([], 'posts.read')).toBe(false);
    expect(rbac.allows(['empty'], 'posts.read')).toBe(false);
  });

  it('does not let a parent role gain what its child grants', () => {
    expect(rbac.allows(['reader'], 'posts.write')).toBe(false);
    expect(rbac.hasRole(['reader'], 'editor')).toBe(false);
  });

  it('grants nothing for role names the configuration does not define', () => {
    for (const name of [
      'root',
      'ADMIN',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(rbac.allows([name], 'posts.read')).toBe(false);
      expect(rbac.covers([name], 'posts.read')).toBe(false);
      expect(rbac.hasRole([name], name)).toBe(false);
      expect(rbac.patternsOf([name])).toEqual([]);
    }
  });

  it('refuses malformed and wildcard permissions in allows, even for admin', () => {
    for (const p of ['', 'posts..read', 'posts.', '*', 'posts.*', 'posts read']) {
      expect(rbac.allows(['admin'], p)).toBe(false);
    }
  });

  it('counts inherited roles in hasRole', () => {
    expect(rbac.hasRole(['chief'], 'editor')).toBe(true);
    expect(rbac.hasRole(['chief'], 'reader')).toBe(true);
    expect(rbac.hasRole(['chief'], 'chief')).toBe(true);
    expect(rbac.hasRole(['editor'], 'moderator')).toBe(false);
    expect(rbac.hasRole(['admin'], 'editor')).toBe(false);
  });

  it('covers a scope only when every permission it matches is granted', () => {
    expect(rbac.covers(['editor'], 'posts.read')).toBe(true);
    expect(rbac.covers(['editor'], 'posts.*')).toBe(true);
    expect(rbac.covers(['editor'], 'posts.comments.*')).toBe(true);
    expect(rbac.covers(['reader'], 'posts.*')).toBe(false);
    expect(rbac.covers(['reader'], '*.read')).toBe(false);
    expect(rbac.covers(['editor'], '*')).toBe(false);
    expect(rbac.covers(['moderator'], '*.delete')).toBe(true);
    expect(rbac.covers(['moderator'], 'posts.*')).toBe(false);
    expect(rbac.covers(['admin'], '*')).toBe(true);
    expect(rbac.covers(['admin'], '*.read')).toBe(true);
  });

  it('covers nothing with a malformed scope', () => {
    for (const scope of ['', '.', 'posts..read', 'po*', '**']) {
      expect(rbac.covers(['admin'], scope)).toBe(false);
    }
  });

  it('answers the same on repeated calls (cached parses)', () => {
    for (let i = 0; i < 3; i++) {
      expect(rbac.allows(['moderator'], 'users.delete')).toBe(true);
      expect(rbac.allows(['moderator'], 'users.read')).toBe(false);
      expect(rbac.covers(['editor'], 'posts.*')).toBe(true);
    }
  });

  it('lists and recognises the defined roles', () => {
    expect(rbac.roleNames.sort()).toEqual(Object.keys(ROLES).sort());
    expect(rbac.isDefined('editor')).toBe(true);
    expect(rbac.isDefined('toString')).toBe(false);
  });

  it('refuses an inheritance cycle at construction', () => {
    const cyclic = { a: role([], ['b']), b: role([], ['c']), c: role([], ['a']) };
    expect(() => new RolePermissions(cyclic)).toThrow(AuthConfigurationError);
    expect(() => new RolePermissions(cyclic)).toThrow(/cycle \(a → b → c → a\)/);
    expect(() => new RolePermissions({ self: role([], ['self']) })).toThrow(/self → self/);
  });
});

describe('findInheritanceCycle', () => {
  it('finds none in a diamond', () => {
    expect(
      findInheritanceCycle({
        top: role([], ['left', 'right']),
        left: role([], ['base']),
        right: role([], ['base']),
        base: role([]),
      }),
    ).toBeNull();
  });

  it('ignores unknown parents (the schema reports them separately)', () => {
    expect(findInheritanceCycle({ a: role([], ['ghost']) })).toBeNull();
  });
});
