// Two projects: `unit` runs pure code in-process; `e2e` drives the bundled action and the
// CLI against the real Docker engine and registry (scripts/engine.sh up), one file at a time.
// `npm run test:e2e` adds --forceExit: twice on buildx-26 the test process kept one connection to
// the registry open after every test had passed (cause not found yet), and jest waited on it
// forever. The action's own process is unaffected: every test waits for it to exit.
const shared = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  }
}

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] }
  ]
}
