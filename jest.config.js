/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck`'s job; jest only transpiles, which keeps the suite fast.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 30000,
  // On two cores jest runs the files in band, in its own process, where what each file loads
  // (ECharts, mongoose models, the web app) piles up: the whole suite reached V8's 4 GB heap limit.
  // With a limit, the files run in a worker process, replaced whenever it holds more after a file.
  workerIdleMemoryLimit: '1GB',
};
