// Log replication as the log view shows it: entries coloured by term, the
// commit point, the quorum count while the leader collects acks.
const { test, expect } = require('./fixtures');

test('client requests are replicated and committed on every server', async ({ page, shot }) => {
  await page.goto('/');
  await page.locator('[data-control="speed"]').fill('10');
  const leader = page.locator('[data-node][data-role="leader"]');
  await expect(leader).toHaveCount(1, { timeout: 15_000 });
  await page.locator('[data-control="play"]').click();
  await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
  const id = await leader.getAttribute('data-node');
  await leader.click();
  const inspector = page.locator(`[data-inspector-node="${id}"]`);
  await inspector.locator('[data-act="request"]').click();
  await inspector.locator('input[type="text"]').fill('x=1');
  await inspector.locator('[data-act="request"]').click();
  // The leader has two entries and is collecting acks for them.
  await expect(page.locator(`[data-log-node="${id}"] .entry`)).toHaveCount(2);
  await expect(inspector.locator('[data-quorum]')).toHaveAttribute('data-quorum', '1/3');
  await shot('replication-quorum');
  for (let i = 0; i < 40 && (await page.locator('.entry.committed').count()) < 10; i++) {
    await page.locator('[data-control="forward"]').click();
  }
  await expect(page.locator('.entry.committed')).toHaveCount(10);
  await expect(page.locator(`[data-log-node="${id}"] .entry`).last()).toContainText('x=1');
  await expect(page.locator('.entry.diverges')).toHaveCount(0);
  await shot('replication-committed');
});
