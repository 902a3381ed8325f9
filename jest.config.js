// @ts-check
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
  },
];

// openid-client 6 and its oauth4webapi and jose 6 ship ES modules only. Node 20.19+ loads them
// through require(esm); jest's module loader does not, so SWC turns these few into CommonJS.
const esmOnly = ['openid-client', 'oauth4webapi'];
const esmToCjs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

// The example host imports the module by its package name; in the tests that name is the
// package's source, so the host and the tests share one copy of every class.
const LIBRARY = `${__dirname}/packages/nest-auth/src`;

/** @type {import('jest').Config} */
const shared = {
  moduleNameMapper: {
    '^@lexigram/nest-auth$': `${LIBRARY}/index.ts`,
    '^@lexigram/nest-auth/(.*)$': `${LIBRARY}/$1/index.ts`,
  },
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: esmToCjs,
    '/node_modules/openid-client/node_modules/jose/.+\\.js$': esmToCjs,
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmOnly.join('|')})/).*/node_modules/`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      rootDir: '.',
      roots: ['<rootDir>/src', '<rootDir>/packages/nest-auth/src', '<rootDir>/scripts'],
      testRegex: '\\.spec\\.ts$',
    },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testRegex: '\\.(e2e|contract)-spec\\.ts$',
      // One Redis and one PostgreSQL for the run, started only when e2e tests are selected
      // (transformed by this project's SWC transform).
      globalSetup: '<rootDir>/test/support/services/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/services/global-teardown.ts',
      // Every temp folder a spec file made (test/support/temp-dirs.ts) goes when the file ends.
      setupFilesAfterEnv: ['<rootDir>/test/support/remove-temp-dirs.setup.ts'],
    },
  ],
  testTimeout: 30000,
};
