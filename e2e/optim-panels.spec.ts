import { expect, expectNoConsoleErrors, open, test } from './fixtures';

/** Chapters 4 and 5: optimizer race, LR schedules, backprop graph and gradient flow, each alone in an embed. */

test('optimizer-race: one step moves every racer and the table follows', async ({ page, consoleErrors }) => {
  await open(page, '/embed/panel/optimizer-race?lang=en');
  const panel = page.locator('[data-panel="optimizer-race"]');
  await expect(panel.getByTestId('race-canvas')).toBeVisible();
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  await expect(panel.getByTestId('race-steps-adam')).toHaveText('0');
  const loss0 = await panel.getByTestId('race-loss-gd').innerText();
  await panel.getByTestId('race-step').click();
  await expect(panel.getByTestId('race-steps-adam')).toHaveText('1');
  await expect(panel.getByTestId('race-steps-gd')).toHaveText('1');
  expect(await panel.getByTestId('race-loss-gd').innerText()).not.toBe(loss0);
  // Playing advances many steps; switching surface resets the race.
  await panel.getByTestId('race-play').click();
  await expect.poll(async () => Number(await panel.getByTestId('race-steps-gd').innerText())).toBeGreaterThan(20);
  await panel.getByTestId('race-play').click();
  await panel.getByTestId('race-surface').selectOption('saddle');
  await expect(panel.getByTestId('race-steps-gd')).toHaveText('0');
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('lr-schedules: switching the schedule changes the formula and the applied result', async ({ page, consoleErrors }) => {
  await open(page, '/embed/panel/lr-schedules?lang=en&schedule=cosine');
  const panel = page.locator('[data-panel="lr-schedules"]');
  await expect(panel.getByTestId('lr-plot')).toBeVisible();
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  await expect(panel.getByTestId('lr-sched-cosine')).toHaveAttribute('aria-pressed', 'true');
  const before = await panel.getByTestId('lr-final').innerText();
  await expect(panel.getByTestId('lr-final')).toContainText('Cosine');
  await panel.getByTestId('lr-sched-step').click();
  await expect(panel.getByTestId('lr-sched-step')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('lr-final')).not.toHaveText(before);
  await expect(panel.getByTestId('lr-final')).toContainText('Step decay');
  await expect(panel.getByTestId('lr-formula').locator('.katex')).toBeVisible();
  await expect(panel.getByTestId('lr-param-stepSize')).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('backprop-graph: forward and backward step node by node, gradient check agrees', async ({ page, consoleErrors }) => {
  await open(page, '/embed/panel/backprop-graph?lang=en');
  const panel = page.locator('[data-panel="backprop-graph"]');
  await expect(panel.getByTestId('bp-graph')).toBeVisible();
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  const formula = panel.getByTestId('bp-formula');
  await expect(formula).toHaveAttribute('data-step', 'none');
  await panel.getByTestId('bp-forward').click();
  await expect(formula).toHaveAttribute('data-step', 'fwd-u');
  await expect(formula.locator('.katex')).toBeVisible();
  // Backward is only possible once the forward pass is complete.
  await expect(panel.getByTestId('bp-backward')).toBeDisabled();
  for (let i = 0; i < 3; i++) await panel.getByTestId('bp-forward').click();
  await panel.getByTestId('bp-backward').click();
  await expect(formula).toHaveAttribute('data-step', 'bwd-L');
  await panel.getByTestId('bp-gradcheck').click();
  const table = panel.getByTestId('bp-gradcheck-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('.bp-rel-ok')).toHaveCount(3);
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('gradient-flow: sigmoid vanishes, ReLU + He flows', async ({ page, consoleErrors }) => {
  await open(page, '/embed/panel/gradient-flow?lang=en&depth=10&activation=sigmoid');
  const panel = page.locator('[data-panel="gradient-flow"]');
  await expect(panel.getByTestId('flow-grad-plot')).toBeVisible();
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
  const ratio = panel.getByTestId('flow-ratio');
  expect(Number(await ratio.getAttribute('data-ratio'))).toBeLessThan(1e-3);
  await panel.getByTestId('flow-act-relu').click();
  await panel.getByTestId('flow-init-he').click();
  await expect.poll(async () => Number(await ratio.getAttribute('data-ratio'))).toBeGreaterThan(0.1);
  await expect(ratio).toContainText('Healthy');
  expectNoConsoleErrors(consoleErrors);
});

test('a bad setting shows a message and the panel keeps working with defaults', async ({ page }) => {
  await open(page, '/embed/panel/gradient-flow?lang=en&depth=99');
  const panel = page.locator('[data-panel="gradient-flow"]');
  await expect(panel.locator('[data-testid="error-box"]')).toHaveCount(1);
  await expect(panel.locator('[data-testid="error-box"]')).toContainText('depth');
  await expect(panel.getByTestId('flow-grad-plot')).toBeVisible();
  await expect(panel.getByTestId('flow-depth')).toHaveValue('10');
});

for (const id of ['optimizer-race', 'lr-schedules', 'backprop-graph', 'gradient-flow']) {
  test(`${id} renders in Chinese without errors`, async ({ page, consoleErrors }) => {
    await open(page, `/embed/panel/${id}?lang=zh`);
    const panel = page.locator(`[data-panel="${id}"]`);
    await expect(panel.locator('.panel-title')).toHaveText(/[\u4e00-\u9fff]/);
    await expect(panel.locator('button').first()).toBeVisible();
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
    expect(await panel.innerText()).toMatch(/[\u4e00-\u9fff]/);
    expectNoConsoleErrors(consoleErrors);
  });
}
