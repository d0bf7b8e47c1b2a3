// End-to-end tests in Debian's Chromium against the release build in dist/.
// `./run test` builds dist/ first; `npx playwright test` alone reuses it.
const { defineConfig } = require('@playwright/test');

// E2E_PORT lets two checkouts run their suites at the same time.
const port = process.env.E2E_PORT || '4173';

module.exports = defineConfig({
  testDir: 'e2e',
  outputDir: 'test-artifacts/results',
  timeout: 30_000,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node e2e/serve.js dist ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 20_000,
  },
});
