/** The end-to-end suite: a real n8n, run by `npm run test:e2e` (slow: minutes, one test file at a time). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
};
