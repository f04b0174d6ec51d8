import type { Locator, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, test } from './fixtures';

/**
 * The chapter 1–3 teaching panels (perceptron, activations, mlp-forward, loss-explorer), each
 * opened alone at its embed route in both languages: no error box, no console error, and one
 * interaction visibly changes an output.
 */

async function openPanel(page: Page, id: string, lang: 'en' | 'zh', query = ''): Promise<Locator> {
  await open(page, `/embed/panel/${id}?lang=${lang}${query}`);
  const panel = page.locator(`[data-panel="${id}"]`);
  await expect(panel).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  return panel;
}

/** Reads a text, runs the interaction, and waits until the text differs. */
async function expectChange(output: Locator, act: () => Promise<void>) {
  const before = await output.innerText();
  await act();
  await expect(output).not.toHaveText(before);
}

const TITLES = {
  perceptron: { en: /perceptron/i, zh: /感知机/ },
  activations: { en: /Activation functions/, zh: /激活函数/ },
  'mlp-forward': { en: /MLP forward pass/, zh: /前向传播/ },
  'loss-explorer': { en: /Loss function explorer/, zh: /损失函数/ },
} as const;

for (const lang of ['en', 'zh'] as const) {
  test.describe(`basics panels (${lang})`, () => {
    test(`perceptron: Step updates the weights (${lang})`, async ({ page, consoleErrors }) => {
      const panel = await openPanel(page, 'perceptron', lang, '&preset=and');
      await expect(panel.locator('.panel-title')).toHaveText(TITLES.perceptron[lang]);
      await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
      await expect(panel.getByTestId('perceptron-canvas')).toBeVisible();
      // The chapter's first step: (0,0) is misclassified by H(0) = 1, so b ← 0 − 0.5.
      await expectChange(panel.getByTestId('perceptron-params'), () => panel.getByTestId('perceptron-step').click());
      await expect(panel.getByTestId('perceptron-params')).toContainText('−0.500');
      await expect(panel.getByTestId('perceptron-update')).toContainText('(0, 0)');
      expectNoConsoleErrors(consoleErrors);
    });

    test(`activations: choosing sigmoid changes f(x) (${lang})`, async ({ page, consoleErrors }) => {
      const panel = await openPanel(page, 'activations', lang, '&fn=relu');
      await expect(panel.locator('.panel-title')).toHaveText(TITLES.activations[lang]);
      await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
      const readout = panel.getByTestId('activation-readout');
      await expect(readout).toHaveText('1.0000'); // ReLU(1)
      await expectChange(readout, () => panel.getByTestId('activation-fn-sigmoid').click());
      await expect(readout).toHaveText('0.7311'); // σ(1)
      // Keyboard alternative to hovering: the cursor slider moves x.
      await expectChange(readout, () => panel.getByTestId('activation-x').press('ArrowRight'));
      expectNoConsoleErrors(consoleErrors);
    });

    test(`mlp-forward: moving x₁ changes the output (${lang})`, async ({ page, consoleErrors }) => {
      const panel = await openPanel(page, 'mlp-forward', lang);
      await expect(panel.locator('.panel-title')).toHaveText(TITLES['mlp-forward'][lang]);
      await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
      const yhat = panel.getByTestId('mlp-yhat');
      await expect(yhat).toContainText('0.731'); // the chapter's worked example, σ(1)
      await expectChange(yhat, async () => {
        await panel.getByTestId('mlp-x1').focus();
        await page.keyboard.press('ArrowRight');
      });
      expectNoConsoleErrors(consoleErrors);
    });

    test(`loss-explorer: moving ŷ changes the loss; CCE passes its numeric check (${lang})`, async ({ page, consoleErrors }) => {
      const panel = await openPanel(page, 'loss-explorer', lang, '&loss=bce');
      await expect(panel.locator('.panel-title')).toHaveText(TITLES['loss-explorer'][lang]);
      await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
      const loss = panel.getByTestId('loss-value');
      await expect(loss).toHaveText('1.2040'); // −log 0.3
      await expectChange(loss, async () => {
        await panel.getByTestId('loss-yhat').focus();
        await page.keyboard.press('ArrowRight');
      });
      await panel.getByTestId('loss-tab-cce').click();
      await expect(loss).toHaveText('0.4170'); // the chapter's z = (2, 1, 0.1), class 1
      await expect(panel.getByTestId('loss-check')).toContainText('✓');
      expectNoConsoleErrors(consoleErrors);
    });
  });
}

test('perceptron on XOR says it will never converge', async ({ page, consoleErrors }) => {
  const panel = await openPanel(page, 'perceptron', 'en', '&preset=xor');
  for (let i = 0; i < 10; i++) await panel.getByTestId('perceptron-run-epoch').click();
  await expect(panel.getByTestId('perceptron-epoch')).toHaveText('10');
  await expect(panel.getByTestId('perceptron-status')).toContainText('never');
  expectNoConsoleErrors(consoleErrors);
});

test('a bad setting shows an error box and the panel keeps working', async ({ page }) => {
  const panel = await openPanel(page, 'loss-explorer', 'en', '&loss=huber');
  await expect(panel.getByTestId('error-box')).toHaveCount(1);
  await expect(panel.getByTestId('error-box')).toContainText('mse / bce / cce');
  await expect(panel.getByTestId('loss-value')).toHaveText('1.2040');
});
