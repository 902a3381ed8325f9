import fs from 'node:fs';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { AuthConfigurationError } from './auth-configuration.error';
import { forbiddenKeyPaths } from './forbidden-keys';
import { loadAuthConfig } from './load-auth-config';
import { mergeLayers } from './merge-layers';

const YAML_PATH = '/virtual/lexigram/polluting.yaml';

/** True when anything reached the prototype every object shares. */
const polluted = (): boolean =>
  ['polluted', 'permissions', 'inherits', 'isAdmin'].some((key) =>
    Object.hasOwn(Object.prototype, key),
  );

/** The problems `loadAuthConfig` refuses with; fails the test when it accepts. */
function problemsOf(options: AuthModuleOptions): string[] {
  try {
    loadAuthConfig({ configFile: false, env: {}, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigurationError);
    return (error as AuthConfigurationError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
  throw new Error('Expected an AuthConfigurationError, but the configuration was accepted');
}

describe('configuration keys that reach the prototype (__proto__, constructor, prototype)', () => {
  let yamlText: string | undefined;

  beforeEach(() => {
    yamlText = undefined;
    const realExists = fs.existsSync;
    const realRead = fs.readFileSync;
    jest
      .spyOn(fs, 'existsSync')
      .mockImplementation((path) =>
        path === YAML_PATH ? yamlText !== undefined : realExists(path),
      );
    jest
      .spyOn(fs, 'readFileSync')
      .mockImplementation(((path: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
        path === YAML_PATH
          ? yamlText
          : (realRead as (...a: unknown[]) => unknown)(path, ...rest)) as typeof fs.readFileSync);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    // Should a case fail by polluting, the others must not inherit it.
    for (const key of ['polluted', 'permissions', 'inherits', 'isAdmin'])
      delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('mergeLayers cannot pollute even when a layer holds an own __proto__ or constructor key', () => {
    const layer = JSON.parse(
      '{"roles": {"__proto__": {"polluted": true}}, "constructor": {"prototype": {"isAdmin": true}}}',
    ) as Record<string, unknown>;

    const { merged } = mergeLayers([
      ['default', { roles: {} }],
      ['yaml', layer],
    ]);

    expect(polluted()).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged.roles)).toBeNull();
    expect(Object.keys(merged.roles as object)).toEqual(['__proto__']);
  });

  it.each([
    ['auth.roles.__proto__', 'auth:\n  roles:\n    __proto__:\n      permissions: ["*"]\n'],
    ['auth.__proto__', 'auth:\n  __proto__:\n    polluted: true\n'],
    ['auth.roles.editor.constructor', 'auth:\n  roles:\n    editor:\n      constructor: {}\n'],
    ['auth.token.prototype', 'auth:\n  token:\n    prototype:\n      polluted: true\n'],
    ['auth.roles.__proto__', 'auth:\n  roles: \'{"__proto__": {"permissions": ["*"]}}\'\n'],
  ])('refuses the YAML key %s, naming its path and the file', (path, yaml) => {
    yamlText = yaml;

    const problems = problemsOf({ configFile: YAML_PATH });

    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^LEX_CONFIG_FILE: ${YAML_PATH}: ${path.replace(/\./g, '\\.')} is not allowed`),
      ),
    ]);
    expect(polluted()).toBe(false);
  });

  it('refuses an environment variable whose JSON value or name holds a forbidden key', () => {
    const problems = problemsOf({
      env: {
        LEX_AUTH__ROLES: '{"__proto__": {"permissions": ["*"], "inherits": []}}',
        LEX_AUTH__CONSTRUCTOR__PROTOTYPE__POLLUTED: 'true',
      },
    });

    expect(problems).toEqual([
      expect.stringMatching(
        /^LEX_AUTH__ROLES: the key "__proto__" in its JSON value is not allowed/,
      ),
      expect.stringMatching(
        /^LEX_AUTH__CONSTRUCTOR__PROTOTYPE__POLLUTED: the key "constructor" in its name is not allowed/,
      ),
      expect.stringMatching(
        /^LEX_AUTH__CONSTRUCTOR__PROTOTYPE__POLLUTED: the key "prototype" in its name is not allowed/,
      ),
    ]);
    expect(polluted()).toBe(false);
  });

  it('refuses forRoot options holding one (roles parsed from untrusted JSON)', () => {
    const roles = JSON.parse('{"__proto__": {"permissions": ["*"]}}') as AuthModuleOptions['roles'];

    expect(problemsOf({ roles })).toEqual([
      expect.stringMatching(/^AuthModule options: roles\.__proto__ is not allowed/),
    ]);
    expect(polluted()).toBe(false);
  });

  it('lists the problems of every layer in one error', () => {
    yamlText = 'auth:\n  roles:\n    constructor: {}\n';
    const roles = JSON.parse('{"prototype": {}}') as AuthModuleOptions['roles'];

    const problems = problemsOf({
      configFile: YAML_PATH,
      roles,
      env: { LEX_AUTH__ROLES: '{"__proto__": {}}' },
    });

    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'AuthModule options',
      'LEX_CONFIG_FILE',
      'LEX_AUTH__ROLES',
    ]);
  });

  it('still accepts ordinary role names and settings', () => {
    yamlText = 'auth:\n  roles:\n    proto_admin:\n      permissions: ["posts.*"]\n';

    const config = loadAuthConfig({ configFile: YAML_PATH, env: {} });

    expect(Object.keys(config.roles)).toEqual(['proto_admin']);
  });
});

describe('forbiddenKeyPaths', () => {
  it('finds keys in nested objects, arrays and JSON text, and only there', () => {
    const value = {
      a: [{ ok: 1 }, JSON.parse('{"__proto__": 1}') as unknown],
      b: '[{"constructor": 2}]',
      c: 'not {json',
      d: new Date(0),
    };

    expect(forbiddenKeyPaths(value)).toEqual([
      ['a', '1', '__proto__'],
      ['b', '0', 'constructor'],
    ]);
  });
});
