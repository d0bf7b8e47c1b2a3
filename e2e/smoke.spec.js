const { test, expect } = require('./fixtures');

test('the default scenario draws a five-node cluster', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await shot('smoke');
});
