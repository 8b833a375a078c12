// Tests compile dataflows exactly as users' tests do: ts-jest with the
// hamilton-ts/jest AST transformer (built into dist/ by `npm run build`).
const path = require('path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/pack/fixture is a user's project that test/pack/pack.test.ts installs and tests on its own.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/pack/fixture/'],
  modulePathIgnorePatterns: ['<rootDir>/test/pack/fixture/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', {
      tsconfig: '<rootDir>/test/tsconfig.json',
      astTransformers: { before: [path.join(__dirname, 'dist/transformer/jest.js')] },
    }],
    // Arquero 8 and its Arrow library ship ES modules only: transpile them for jest's CommonJS runtime.
    '^.+\\.js$': ['ts-jest', {
      tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'es2022' },
    }],
  },
  // dist/ is tspc's CommonJS output (tests of the worker-thread executor load it): run it as it is.
  transformIgnorePatterns: ['/node_modules/(?!(arquero|@uwdata)/)', '<rootDir>/dist/'],
  moduleNameMapper: { '^hamilton-ts$': '<rootDir>/index.ts' },
};
