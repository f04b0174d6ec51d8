import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * `test` with a page that records console errors and uncaught exceptions;
 * each test ends by asserting there were none (call `expectNoConsoleErrors`).
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await use(errors);
  },
});

export { expect };

export function expectNoConsoleErrors(errors: string[]) {
  expect(errors, errors.join('\n')).toEqual([]);
}

/** Opens a route of the hash-routed app and waits for React to mount. */
export async function open(page: Page, hash: string) {
  await page.goto(`./#${hash}`);
  await page.locator('#root > *').first().waitFor();
}

/** The page's trainer panel: sets the subset and epochs, starts, and returns the panel. */
export async function startTraining(page: Page, subset: number, epochs: number): Promise<Locator> {
  const panel = page.locator('[data-panel="mnist-trainer"]');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByTestId('setting-subset').fill(String(subset));
  await panel.getByTestId('setting-epochs').fill(String(epochs));
  await panel.getByTestId('train-start').click();
  return panel;
}
