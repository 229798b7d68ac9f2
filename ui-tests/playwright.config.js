/**
 * Galata in Debian's Chromium against the dev hub (dev/jupyterhub_config.py), which
 * Playwright starts on its own port with a fresh data folder and stops at the end.
 */
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.ENVBUILDER_E2E_PORT || '8010';
const root = path.resolve(__dirname, '..');
// The hub may run from another venv (the JupyterHub 5.x check uses .venv-hub5); the
// single-user servers always run from the project's .venv.
const python =
  process.env.ENVBUILDER_E2E_HUB_PYTHON ||
  path.join(root, '.venv', 'bin', 'python');
// The hub's data folder; tests read it too (a slow build waits there for the test to let it
// go on: dev/paced_repo2docker.py).
const data = path.join(root, '.dev-data', `e2e-${port}`);
process.env.ENVBUILDER_E2E_DATA = data;

module.exports = {
  ...baseConfig,
  testDir: './tests',
  // One folder per hub port, so runs on different ports never clean up each other's files.
  outputDir: `./test-results/e2e-${port}`,
  timeout: 180 * 1000,
  expect: { timeout: 30 * 1000 },
  retries: 0,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    video: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: {
    command: `${python} ${path.join(root, 'dev', 'demo.py')} --fresh`,
    url: `http://127.0.0.1:${port}/hub/api/`,
    timeout: 120 * 1000,
    reuseExistingServer: false,
    // demo.py gives the hub 25 s to stop, then ends whatever it left running: a process left
    // behind would hold this pipe open, and Playwright would wait for it for ever.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 60 * 1000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...process.env,
      ENVBUILDER_DEV_PORT: port,
      ENVBUILDER_DEV_DATA: data,
      ENVBUILDER_GALATA: '1'
    }
  }
};
