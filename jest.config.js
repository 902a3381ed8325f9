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

/** @type {import('jest').Config} */
const shared = {
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
    { ...shared, displayName: 'unit', rootDir: 'src', testRegex: '\\.spec\\.ts$' },
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
