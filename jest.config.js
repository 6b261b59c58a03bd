// Unit tests sit beside the code (src/**/*.spec.ts); database and HTTP suites live in test/.
const tsJest = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.json',
    diagnostics: false,
    astTransformers: { before: ['<rootDir>/test/support/swagger-transformer.js'] },
  },
];

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testRegex: '\\.spec\\.ts$',
      testPathIgnorePatterns: ['/src/dashboard/web/'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      // The admin dashboard's components, in a browser-like DOM.
      displayName: 'dashboard',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src/dashboard/web/src'],
      testRegex: '\\.spec\\.tsx?$',
      transform: {
        '^.+\\.tsx?$': [
          'ts-jest',
          { tsconfig: { jsx: 'react-jsx', esModuleInterop: true, module: 'commonjs' }, diagnostics: false },
        ],
      },
      moduleNameMapper: { '\\.css$': '<rootDir>/test/support/empty-module.js' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/contract-check.ts'],
      slowTestThreshold: 30,
    },
  ],
};
