// Issue 11: the Explore panel finds, shrinks and replays a counterexample;
// a search on a correct protocol can be stopped; bad input is explained.
const { test, expect } = require('./fixtures');

async function openExplore(page) {
  await page.goto('/');
  await page.locator('[data-control="explore"]').click();
  await expect(page.locator('[data-explore="open"]')).toBeVisible();
}

async function setField(page, name, value) {
  const input = page.locator(`[data-explore="${name}"]`);
  await input.fill(value);
  await input.dispatchEvent('change');
}

test('finds a Raft bug, shrinks it and replays it just before the violation', async ({ page, shot }) => {
  await openExplore(page);
  await page.locator('[data-explore="open"] [data-variant="no_up_to_date_check"]').check();
  await page.locator('[data-explore="start"]').click();
  const status = page.locator('[data-explore="status"]');
  await expect(status).toHaveAttribute('data-state', 'found', { timeout: 20_000 });
  await expect(status).toContainText('violated');
  await expect(page.locator('[data-explore="progress"]')).toContainText('executions/s');
  await shot('explore-found');
  await page.locator('[data-explore="replay"]').click();
  await expect(page.locator('[data-explore="open"]')).toHaveCount(0);
  const banner = page.locator('.banner[data-banner]');
  await expect(banner).toBeVisible();
  // Paused just before the violating event: the banner names event #N, the clock is at N-1.
  const n = Number((await banner.textContent()).match(/event #(\d+)/)[1]);
  await expect(page.locator('.clock')).toHaveAttribute('data-position', String(n - 1));
  await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
  await expect(page.locator('.scenario-title')).toContainText('Counterexample');
  await shot('explore-replay');
});

test('a search on correct Raft keeps the page responsive and stops when asked', async ({ page }) => {
  await openExplore(page);
  await page.locator('[data-explore="budget-kind"]').selectOption('seconds');
  await setField(page, 'budget', '120');
  await page.locator('[data-explore="start"]').click();
  const status = page.locator('[data-explore="status"]');
  await expect(status).toHaveAttribute('data-state', 'searching');
  await expect.poll(async () => Number(await status.getAttribute('data-executions'))).toBeGreaterThan(3);
  // The page answers while searching: a frame is painted promptly.
  const frameMs = await page.evaluate(() => new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); }));
  expect(frameMs).toBeLessThan(200);
  await page.locator('[data-explore="stop"]').click();
  await expect(status).toHaveAttribute('data-state', 'stopped');
  const done = await status.getAttribute('data-executions');
  await page.waitForTimeout(300);
  await expect(status).toHaveAttribute('data-executions', done);
  await expect(page.locator('[data-explore="start"]')).toBeEnabled();
  await expect(page.locator('[data-explore="replay"]')).toHaveCount(0);
});

test('bad input gives a clear message and starts nothing', async ({ page, shot }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openExplore(page);
  const status = page.locator('[data-explore="status"]');
  const error = page.locator('[data-explore="error"]');
  await setField(page, 'nodes', '2');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('Servers');
  await expect(error).toContainText('3 to 9');
  await expect(status).toHaveAttribute('data-state', 'idle');
  await setField(page, 'nodes', '3');
  await setField(page, 'budget', '0');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('executions');
  await setField(page, 'budget', '50');
  for (const box of await page.locator('[data-explore="open"] [data-fault]').all()) await box.uncheck();
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('at least one fault kind');
  await expect(status).toHaveAttribute('data-state', 'idle');
  await shot('explore-mobile-error');
  await page.locator('[data-explore="open"] [data-fault="crash"]').check();
  await page.locator('[data-explore="start"]').click();
  await expect(error).toHaveCount(0);
  await expect(status).toHaveAttribute('data-state', /searching|exhausted|found/);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-explore="open"]')).toHaveCount(0);
});
