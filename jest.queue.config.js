/** The queue-mode suite (PostgreSQL, Redis, an n8n main and workers), run by `npm run test:e2e:queue`. */
module.exports = { ...require('./jest.e2e.config.js'), testMatch: ['**/queue/*.queue.test.ts'] };
