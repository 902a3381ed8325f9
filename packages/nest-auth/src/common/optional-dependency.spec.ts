import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { loadOptional, type OptionalDependency, requireOptional } from './optional-dependency';

const ABSENT: OptionalDependency = {
  name: 'lex-auth-package-that-is-not-installed',
  range: '^1',
  variable: 'LEX_AUTH__STORE',
  neededFor: 'store=example',
};

describe('optional peer dependencies', () => {
  it('turns a missing package into a configuration error that says what to install', async () => {
    // A name in a variable: the compiler cannot resolve it, Node's loader does (and fails).
    const loading = loadOptional(ABSENT, () => import(ABSENT.name));

    await expect(loading).rejects.toBeInstanceOf(AuthConfigurationError);
    await expect(loading).rejects.toMatchObject({
      problems: [
        {
          variable: 'LEX_AUTH__STORE',
          message: expect.stringContaining(
            "npm install lex-auth-package-that-is-not-installed@'^1'",
          ),
        },
      ],
    });
  });

  it('passes any other failure through, and the module when it is there', async () => {
    const broken = new Error('the package threw while loading');
    await expect(loadOptional(ABSENT, () => Promise.reject(broken))).rejects.toBe(broken);
    await expect(loadOptional(ABSENT, () => import('node:path'))).resolves.toHaveProperty('join');
  });

  it('answers null from a synchronous require of a missing package', () => {
    expect(
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- what the module does
      requireOptional(ABSENT, () => require(ABSENT.name) as unknown),
    ).toBeNull();
  });
});
