/** The AI agent suite (n8n's AI Agent calling the ExoConnect Tool), run by `npm run test:e2e:agent`. */
module.exports = { ...require('./jest.e2e.config.js'), testMatch: ['**/agent/*.agent.test.ts'] };
