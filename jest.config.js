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

/** @type {import('jest').Config} */
const shared = {
  transform: { '^.+\\.ts$': swc },
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
