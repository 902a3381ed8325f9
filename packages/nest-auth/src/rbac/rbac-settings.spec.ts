import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { loadAuthConfig } from '../settings/load-auth-config';

const load = (env: Record<string, string>) =>
  loadAuthConfig({ environment: 'test', env, configFile: false });

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    load(env);
  } catch (error) {
    if (error instanceof AuthConfigurationError)
      return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('auth.roles settings', () => {
  it('reads roles and default roles from the environment as JSON', () => {
    const config = load({
      LEX_AUTH__ROLES: JSON.stringify({
        reader: { permissions: ['*.read'] },
        editor: { permissions: ['posts.*'], inherits: ['reader'] },
      }),
      LEX_AUTH__DEFAULT_ROLES: 'reader',
    });
    expect(config.roles.editor).toEqual({ permissions: ['posts.*'], inherits: ['reader'] });
    expect(config.roles.reader.inherits).toEqual([]);
    expect(config.defaultRoles).toEqual(['reader']);
  });

  it('refuses an inheritance cycle at boot, naming it', () => {
    const problems = problemsOf({
      LEX_AUTH__ROLES: JSON.stringify({
        a: { inherits: ['b'] },
        b: { inherits: ['a'] },
      }),
    });
    expect(problems).toEqual([expect.stringMatching(/^LEX_AUTH__ROLES: .*cycle \(a → b → a\)/)]);
  });

  it.each(['po*st.read', 'posts..read', 'posts.', '', 'posts read', '**'])(
    'refuses the malformed permission %j',
    (permission) => {
      const problems = problemsOf({
        LEX_AUTH__ROLES: JSON.stringify({ r: { permissions: [permission] } }),
      });
      expect(problems.join('\n')).toMatch(/expected "resource.action"/);
    },
  );

  it.each(['*', '*.read', 'posts.*', 'posts.*.read', 'a.b.c'])('accepts the pattern %j', (p) => {
    expect(load({ LEX_AUTH__ROLES: JSON.stringify({ r: { permissions: [p] } }) }).roles.r).toEqual({
      permissions: [p],
      inherits: [],
    });
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'refuses %j as a default or inherited role that roles does not define',
    (name) => {
      const problems = problemsOf({
        LEX_AUTH__ROLES: JSON.stringify({ reader: { permissions: ['*.read'], inherits: [name] } }),
        LEX_AUTH__DEFAULT_ROLES: name,
      });
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`names the role "${name}", which roles does not define`)),
        expect.stringMatching(new RegExp(`inherits "${name}", which roles does not define`)),
      ]);
    },
  );
});
