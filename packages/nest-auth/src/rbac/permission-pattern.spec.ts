import {
  isPermissionPattern,
  PERMISSION_PATTERN,
  parsePattern,
  patternIncludes,
  permissionMatches,
} from './permission-pattern';

describe('permissionMatches', () => {
  it.each([
    ['posts.read', 'posts.read'],
    ['*', 'posts.read'],
    ['*', 'posts'],
    ['*', 'a.b.c.d'],
    ['posts.*', 'posts.read'],
    ['posts.*', 'posts.comments.delete'],
    ['*.read', 'posts.read'],
    ['*.read', 'users.read'],
    ['posts.*.read', 'posts.comments.read'],
    ['*.*', 'posts.read'],
    ['*.*', 'posts.comments.read'],
    ['posts', 'posts'],
    ['a-b_c.d9', 'a-b_c.d9'],
  ])('%s grants %s', (pattern, permission) => {
    expect(permissionMatches(pattern, permission)).toBe(true);
  });

  it.each([
    ['posts.*', 'posts'],
    ['posts.*', 'postsx.read'],
    ['posts.*', 'users.read'],
    ['*.read', 'posts.comments.read'],
    ['*.read', 'read'],
    ['*.read', 'posts.write'],
    ['posts.*.read', 'posts.read'],
    ['posts.*.read', 'posts.a.b.read'],
    ['*.*', 'posts'],
    ['posts.read', 'posts.read.all'],
    ['posts.read', 'posts'],
    ['posts', 'posts.read'],
    ['posts.read', 'Posts.read'],
    ['po*', 'posts.read'],
    ['po*.read', 'posts.read'],
    ['posts.re*', 'posts.read'],
  ])('%s does not grant %s', (pattern, permission) => {
    expect(permissionMatches(pattern, permission)).toBe(false);
  });

  it.each([
    ['*', ''],
    ['*', '.'],
    ['*', 'posts.'],
    ['*', '.read'],
    ['*', 'posts..read'],
    ['*', 'posts.*'],
    ['*', '*'],
    ['*', 'posts read'],
    ['*', 'posts.read '],
    ['posts.read', 'posts.read\n'],
  ])(
    'a malformed or wildcard permission is granted by nothing (%s vs %j)',
    (pattern, permission) => {
      expect(permissionMatches(pattern, permission)).toBe(false);
    },
  );

  it.each([
    ['', 'posts.read'],
    ['.', 'posts.read'],
    ['posts.', 'posts.read'],
    ['**', 'a'],
    ['posts..*', 'posts.x.y'],
  ])('a malformed pattern %j grants nothing', (pattern, permission) => {
    expect(permissionMatches(pattern, permission)).toBe(false);
  });

  it('refuses values that are not strings without throwing', () => {
    expect(permissionMatches(undefined as unknown as string, 'posts.read')).toBe(false);
    expect(permissionMatches('*', 42 as unknown as string)).toBe(false);
  });
});

describe('isPermissionPattern', () => {
  it.each(['*', 'posts', 'posts.read', 'posts.*', '*.read', 'a.*.b', 'A_b-9.x'])(
    'accepts %s',
    (t) => {
      expect(isPermissionPattern(t)).toBe(true);
      expect(PERMISSION_PATTERN.test(t)).toBe(true);
    },
  );
  it.each(['', '.', 'a.', '.a', 'a..b', 'po*st', '**', 'a b', 'a/b', 'a.b\n'])(
    'refuses %j',
    (t) => {
      expect(isPermissionPattern(t)).toBe(false);
      expect(PERMISSION_PATTERN.test(t)).toBe(false);
    },
  );
});

describe('patternIncludes', () => {
  const includes = (outer: string, inner: string): boolean =>
    patternIncludes(parsePattern(outer)!, parsePattern(inner)!);

  it.each([
    ['*', '*'],
    ['*', 'posts.*'],
    ['*', '*.read'],
    ['posts.*', 'posts.*'],
    ['posts.*', 'posts.comments.*'],
    ['posts.*', 'posts.*.read'],
    ['*.read', '*.read'],
    ['*.read', 'posts.read'],
    ['*.*', 'posts.*'],
    ['*.*', '*.read'],
    ['a.*.c', 'a.b.c'],
  ])('%s includes %s', (outer, inner) => {
    expect(includes(outer, inner)).toBe(true);
  });

  it.each([
    ['posts.*', '*'],
    ['posts.*', 'posts'],
    ['posts.*', '*.read'],
    ['*.read', 'posts.*'],
    ['*.read', '*'],
    ['*.read', '*.*'],
    ['posts.read', 'posts.*'],
    ['*.*', '*'],
    ['a.*.c', 'a.*'],
    ['a.b.c', 'a.*.c'],
  ])('%s does not include %s', (outer, inner) => {
    expect(includes(outer, inner)).toBe(false);
  });
});
