// The package's version, as `sei-cicd-action --version` prints it. Kept equal to
// package.json's by __tests__/cli/version.test.ts.
export const VERSION = '1.0.0'
