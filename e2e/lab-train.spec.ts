import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

const points = async (l: Locator) => Number((await l.getAttribute('data-points')) ?? 0);

test('chapter 7: the explorer computes mean and std live, and the architecture panel sets what the trainer trains', async ({ page, consoleErrors }) => {
  await open(page, '/en/07-mnist-lab');
  const explorer = page.locator('[data-panel="mnist-explorer"]');
  await explorer.scrollIntoViewIfNeeded();
  // It loads by itself once visible (or on click).
  await explorer.getByTestId('mx-load').click({ timeout: 5_000 }).catch(() => undefined);
  await expect(explorer.getByTestId('mnist-explorer')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(explorer.getByTestId('mx-mean')).toHaveText('0.1307');
  await expect(explorer.getByTestId('mx-std')).toHaveText('0.3081');
  await expect(explorer.getByTestId('mx-count')).toHaveAttribute('data-count', '60000');
  await explorer.getByTestId('mx-class-5').click();
  await expect(explorer.getByTestId('mx-tile')).toHaveCount(40);
  const first = await explorer.getByTestId('mx-tile').first().getAttribute('data-index');
  await explorer.getByTestId('mx-next').click();
  await expect(explorer.getByTestId('mx-grid')).toHaveAttribute('data-page', '1');
  expect(await explorer.getByTestId('mx-tile').first().getAttribute('data-index')).not.toBe(first);

  const arch = page.locator('[data-panel="mnist-architecture"]');
  await arch.scrollIntoViewIfNeeded();
  await arch.getByTestId('arch-preset-mlp').click();
  await expect(arch.getByTestId('mnist-architecture')).toHaveAttribute('data-preset', 'mlp');
  await expect(page.locator('[data-panel="mnist-trainer"]').getByTestId('train-arch')).toHaveText('MLP');
  await arch.getByTestId('arch-preset-seed').click();
  await expect(page.locator('[data-panel="mnist-trainer"]').getByTestId('train-arch')).toHaveText('seed CNN');

  // Editing the layers: a dropout layer adds no parameters but makes the network a custom one.
  await expect(arch.getByTestId('arch-total-params')).toHaveText('121,930');
  await arch.getByTestId('arch-add-type').selectOption('dropout');
  await arch.getByTestId('arch-add-at').selectOption('6');
  await arch.getByTestId('arch-add').click();
  await expect(arch.getByTestId('mnist-architecture')).toHaveAttribute('data-preset', 'custom');
  await expect(arch.getByTestId('arch-total-params')).toHaveText('121,930');
  await expect(arch.getByTestId('cnn-row-6')).toContainText('Dropout');
  // Removing it with the keyboard puts focus on the next row's remove button.
  await arch.getByTestId('cnn-remove-6').focus();
  await page.keyboard.press('Enter');
  await expect(arch.getByTestId('mnist-architecture')).toHaveAttribute('data-preset', 'seed');
  await expect(arch.getByTestId('cnn-remove-6')).toBeFocused();
  // Removing the flatten layer breaks the network: the error names the layer and the trainer keeps the last valid one.
  await arch.getByTestId('cnn-remove-4').click();
  await expect(arch.getByTestId('error-box').first()).toContainText('Layer 5');
  await expect(page.locator('[data-panel="mnist-trainer"]').getByTestId('train-arch')).toHaveText('seed CNN');
  await arch.getByTestId('arch-preset-seed').click();
  await expect(arch.getByTestId('error-box')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('trains on a subset with an epoch curve; a reload mid-training keeps the curves, and training can continue', async ({ page, consoleErrors }) => {
  // Two trainings (the second one epoch long) on a 2-core machine.
  test.setTimeout(300_000);
  await open(page, '/en/07-mnist-lab');
  // Many epochs, so that it is still running after the detour however fast the backend is.
  let panel = await startTraining(page, 1000, 40);
  const epochChart = panel.getByTestId('epoch-chart');
  await expect(epochChart).toBeVisible({ timeout: 150_000 });
  await expect.poll(() => points(epochChart)).toBeGreaterThanOrEqual(1);
  await expect(panel.getByTestId('train-val-acc')).toHaveText(/%/);
  // Training goes on while the reader is in another chapter.
  const pointsBeforeLeaving = await points(panel.locator('.line-chart'));
  await open(page, '/en/06-cnn');
  await page.waitForTimeout(4000);
  await open(page, '/en/07-mnist-lab');
  panel = page.locator('[data-panel="mnist-trainer"]');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(() => points(panel.locator('.line-chart'))).toBeGreaterThan(pointsBeforeLeaving + 3);
  // Let the saver write the epoch's weights and the latest batches.
  await page.waitForTimeout(2000);
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'running');
  const batchesBefore = await points(panel.locator('.line-chart'));
  expect(batchesBefore).toBeGreaterThan(10);

  await page.reload();
  await page.locator('#root > *').first().waitFor();
  panel = page.locator('[data-panel="mnist-trainer"]');
  await panel.scrollIntoViewIfNeeded();
  const status = panel.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-status', 'stopped');
  await expect(status).toHaveAttribute('data-interrupted', 'true');
  await expect(panel.getByTestId('train-interrupted')).toBeVisible();
  await expect.poll(() => points(panel.locator('.line-chart'))).toBeGreaterThan(10);
  expect(await points(panel.locator('.line-chart'))).toBeGreaterThanOrEqual(batchesBefore - 40);
  await expect.poll(() => points(panel.getByTestId('epoch-chart'))).toBeGreaterThanOrEqual(1);
  const epochsBefore = await points(panel.getByTestId('epoch-chart'));

  // Continue from the saved weights: a new run whose epoch curve follows the old one.
  await panel.getByTestId('train-continue').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', /loading|running/);
  await expect.poll(() => points(panel.getByTestId('epoch-chart')), { timeout: 150_000 }).toBeGreaterThan(epochsBefore);
  await panel.getByTestId('train-stop').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'stopped');

  // Both runs are in the runs table.
  const runs = page.locator('[data-panel="mnist-runs"]');
  await runs.scrollIntoViewIfNeeded();
  await expect(runs.getByTestId('run-row')).toHaveCount(2);
  expectNoConsoleErrors(consoleErrors);
});

test('exports a trained model as tfjs files and imports it back with identical predictions; bad files get a clear error', async ({ page, consoleErrors }, testInfo) => {
  test.setTimeout(240_000);
  await open(page, '/en/07-mnist-lab');
  const trainer = await startTraining(page, 2000, 1);
  await expect(trainer.getByTestId('train-status')).toHaveAttribute('data-status', 'done', { timeout: 180_000 });

  const runs = page.locator('[data-panel="mnist-runs"]');
  await runs.scrollIntoViewIfNeeded();
  await expect(runs.getByTestId('run-row')).toHaveCount(1);
  await expect(runs.getByTestId('run-activate')).toBeChecked();
  // Save/export/delete live in the run's details.
  await runs.getByTestId('run-details-toggle').click();
  // The saver stores the final weights right after the run ends.
  await expect(runs.getByTestId('run-export')).toBeEnabled({ timeout: 10_000 });

  await runs.getByTestId('predict-run').click();
  const readout = runs.getByTestId('predict-readout');
  await expect(readout).toBeVisible({ timeout: 30_000 });
  const before = (await readout.getAttribute('data-probs'))!.split(',').map(Number);
  expect(before).toHaveLength(80);

  const downloads: { name: string; path: string }[] = [];
  page.on('download', async (d) => {
    const path = testInfo.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push({ name: d.suggestedFilename(), path });
  });
  await runs.getByTestId('run-export').click();
  await expect(runs.getByTestId('runs-note')).toBeVisible();
  // Both files download (the links in the note are the fallback if a browser blocks the second).
  await expect.poll(() => downloads.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  if (downloads.length < 2 || !downloads.some((d) => d.name === 'weights.bin')) await runs.getByTestId('export-bin').click();
  await expect.poll(() => downloads.map((d) => d.name).sort().join(), { timeout: 10_000 }).toContain('model.json');
  await expect.poll(() => downloads.some((d) => d.name === 'weights.bin'), { timeout: 10_000 }).toBe(true);
  const jsonPath = downloads.find((d) => d.name === 'model.json')!.path;
  const binPath = downloads.find((d) => d.name === 'weights.bin')!.path;
  const modelJson = JSON.parse(readFileSync(jsonPath, 'utf8'));
  expect(modelJson.format).toBe('layers-model');
  expect(modelJson.modelTopology.config.layers[0].config.batch_input_shape).toEqual([null, 28, 28, 1]);

  // Wrong files: a JSON that is not a model, a model with the wrong input shape.
  const input = runs.getByTestId('model-import');
  await input.setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') }]);
  await expect(runs.getByTestId('import-error')).toContainText('not a TensorFlow.js layers model');
  const wrong = structuredClone(modelJson);
  wrong.modelTopology.config.layers[0].config.batch_input_shape = [null, 32, 32, 3];
  await input.setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) },
    { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: readFileSync(binPath) },
  ]);
  await expect(runs.getByTestId('import-error')).toContainText('[null, 28, 28, 1]');
  await expect(runs.getByTestId('run-row')).toHaveCount(1);

  // The real files: a new run, active, predicting exactly as before.
  await input.setInputFiles([jsonPath, binPath]);
  await expect(runs.getByTestId('import-ok')).toBeVisible({ timeout: 30_000 });
  await expect(runs.getByTestId('run-row')).toHaveCount(2);
  await expect(runs.getByTestId('run-activate').nth(1)).toBeChecked();
  await runs.getByTestId('predict-run').click();
  await expect(readout).toBeVisible({ timeout: 30_000 });
  const importedId = await runs.getByTestId('run-row').nth(1).getAttribute('data-run-id');
  await expect(readout).toHaveAttribute('data-run-id', importedId!);
  const after = (await readout.getAttribute('data-probs'))!.split(',').map(Number);
  after.forEach((p, i) => expect(Math.abs(p - before[i])).toBeLessThan(1e-5));
  expectNoConsoleErrors(consoleErrors);
});
