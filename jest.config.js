/** Two tiers, chosen by file name: *.unit.test.ts (pure, fast) and *.int.test.ts (real Temporal and NATS). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/**/*.unit.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.dondoc/'],
    },
    {
      displayName: 'int',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.dondoc/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/int-setup.ts'],
    },
    {
      // Fault tests (npm run faults, not npm test): each file starts its own real servers and breaks them.
      displayName: 'faults',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/**/*.fault.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.dondoc/'],
      setupFilesAfterEnv: ['<rootDir>/test/support/int-setup.ts'],
    },
  ],
};
