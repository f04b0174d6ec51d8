import { defineConfig, devices } from '@playwright/test';
export default defineConfig({
  testDir: '/work/main/e2e',
  testMatch: /cnn-panels/,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: '/tmp/pw-out',
  use: { baseURL: 'http://127.0.0.1:5191/', ...devices['Desktop Chrome'], launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] } },
});
