// Real-browser tests of the UI: the cluster, message control, partitions,
// rewind, keyboard, phone layout and bad links. Tests speed the clock up
// (10x) or step event by event instead of waiting real seconds.
const { test, expect, pause } = require('./fixtures');

const leader = (page) => page.locator('[data-node][data-role="leader"]');

async function fast(page) {
  await page.locator('[data-control="speed"]').fill('10');
  await expect(page.locator('.speed output')).toHaveText('10×');
}

async function position(page) {
  return Number(await page.locator('.clock').getAttribute('data-position'));
}

test('a leader gets elected and is shown', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await fast(page);
  await expect(leader(page)).toHaveCount(1, { timeout: 15_000 });
  await pause(page);
  const l = leader(page);
  await expect(l).toHaveAttribute('aria-label', /leader, term [1-9]/);
  await expect(l.locator('.letter')).toHaveText('L');
  // The event list explains what happens: the newest events are the
  // leader's heartbeats (how far the run went before the pause varies with
  // the machine's load, so the election itself may have scrolled away).
  await expect(page.locator('.event-list')).toContainText('AppendEntries');
  await shot('leader-elected');
});

test('drop a specific message by clicking it', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  const msgs = page.locator('[data-msg]');
  for (let i = 0; i < 50 && (await msgs.count()) < 2; i++) {
    await page.locator('[data-control="forward"]').click();
  }
  expect(await msgs.count()).toBeGreaterThan(1);
  const first = msgs.first();
  const id = await first.getAttribute('data-msg');
  await first.click();
  const inspector = page.locator(`[data-inspector-msg="${id}"]`);
  await expect(inspector).toBeVisible();
  const kind = await first.getAttribute('data-kind');
  await expect(inspector).toContainText(kind);
  const others = (await msgs.count()) - 1;
  await shot('message-selected');
  await inspector.locator('[data-act="drop"]').click();
  await expect(page.locator(`[data-msg="${id}"]`)).toHaveCount(0);
  await expect(msgs).toHaveCount(others);
  // It visibly falls away where it was, until the run moves on.
  await expect(page.locator(`[data-falling="${id}"]`)).toHaveCount(1);
  await expect(page.locator('.event-list .event.current')).toContainText(`drop #${id}`);
  await expect(page.locator('.mark.intervention')).toHaveCount(1);
  await page.locator('[data-control="forward"]').click();
  await expect(page.locator(`[data-falling="${id}"]`)).toHaveCount(0);
});

test('duplicate a message: it splits, and the copy travels from the sender', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  const msgs = page.locator('[data-msg]');
  for (let i = 0; i < 50 && (await msgs.count()) < 1; i++) {
    await page.locator('[data-control="forward"]').click();
  }
  const before = await msgs.count();
  const first = msgs.first();
  const id = await first.getAttribute('data-msg');
  await first.click();
  await page.locator(`[data-inspector-msg="${id}"] [data-act="duplicate"]`).click();
  await expect(msgs).toHaveCount(before + 1);
  await expect(page.locator(`[data-msg="${id}"]`)).toHaveCount(1);
  const split = page.locator('[data-split]');
  await expect(split).toHaveCount(1);
  const copy = await split.getAttribute('data-split');
  await expect(page.locator(`[data-msg="${copy}"]`)).toHaveCount(1);
  await expect(page.locator('.event-list .event.current')).toContainText(`duplicate #${id}`);
  await shot('message-duplicated');
  await page.locator('[data-control="forward"]').click();
  await expect(split).toHaveCount(0);
});

test('partition the leader away and a new leader rises on the majority side', async ({ page, shot }) => {
  await page.goto('/');
  await fast(page);
  await expect(leader(page)).toHaveCount(1, { timeout: 15_000 });
  await pause(page);
  const old = await leader(page).getAttribute('data-node');
  await page.locator(`[data-node="${old}"]`).click();
  await expect(page.locator(`[data-inspector-node="${old}"]`)).toBeVisible();
  await page.locator('[data-act="isolate"]').click();
  await expect(page.locator('line.cut')).toHaveCount(8);
  await page.locator('[data-control="play"]').click();
  const fresh = page.locator(`[data-node][data-role="leader"]:not([data-node="${old}"])`);
  await expect(fresh).toHaveCount(1, { timeout: 20_000 });
  await pause(page);
  await shot('partition-new-leader');
  const oldTerm = await page.locator(`[data-node="${old}"]`).getAttribute('aria-label');
  const newTerm = await fresh.getAttribute('aria-label');
  const term = (s) => Number(/term (\d+)/.exec(s)[1]);
  expect(term(newTerm)).toBeGreaterThan(term(oldTerm));
});

async function snapshot(page) {
  return {
    position: await position(page),
    nodes: await page.locator('[data-node]').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label'))),
    msgs: await page.locator('[data-msg]').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-msg'))),
    logs: await page.locator('.logs').innerText(),
  };
}

test('step back then forward gives the same state', async ({ page }) => {
  await page.goto('/');
  await fast(page);
  await expect(leader(page)).toHaveCount(1, { timeout: 15_000 });
  await pause(page);
  await page.locator('[data-control="forward"]').click();
  const here = await snapshot(page);
  for (let i = 0; i < 3; i++) await page.locator('[data-control="back"]').click();
  expect(await position(page)).toBe(here.position - 3);
  for (let i = 0; i < 3; i++) await page.locator('[data-control="forward"]').click();
  expect(await snapshot(page)).toEqual(here);
  // Clicking an event in the list seeks there too.
  await page.locator(`[data-event="${here.position - 5}"] > button`).click();
  expect(await position(page)).toBe(here.position - 5);
});

test('keyboard only: play, pause, step, help', async ({ page, shot }) => {
  await page.goto('/');
  const play = page.locator('[data-control="play"]');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  if ((await play.getAttribute('data-playing')) === 'true') await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-playing', 'false');
  const p0 = await position(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await position(page)).toBe(p0 + 2);
  await page.keyboard.press('ArrowLeft');
  expect(await position(page)).toBe(p0 + 1);
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-playing', 'false');
  // Tab reaches the play button and Enter activates it.
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(play).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press('Enter');
  await expect(play).toHaveAttribute('data-playing', 'false');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('?');
  await expect(page.locator('[data-help]')).toBeVisible();
  await shot('help');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-help]')).toHaveCount(0);
});

test('phone width has no horizontal overflow', async ({ page, shot }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await fast(page);
  await expect(leader(page)).toHaveCount(1, { timeout: 15_000 });
  await pause(page);
  await page.locator('[data-node="1"]').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot('phone');
});

test('a broken link shows a message and loads the default scenario', async ({ page, shot }) => {
  await page.goto('/#s=1.this-is-not-a-scenario');
  await expect(page.locator('[data-notice="error"]')).toContainText('could not be opened');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await page.goto('/#s=1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  await expect(page.locator('[data-notice="error"]')).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  await shot('broken-link');
});

test('a bug preset ends in a violation banner', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  await page.locator('[data-control="new"]').click();
  await page.locator('[data-setup="preset"]').selectOption('raft/bug-vote-not-persisted');
  await page.locator('[data-setup="start"]').click();
  await fast(page);
  const banner = page.locator('[data-banner]');
  await expect(banner).toHaveAttribute('data-banner', 'ElectionSafety', { timeout: 15_000 });
  await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
  await expect(page.locator('[data-invariant="ElectionSafety"]')).toHaveAttribute('data-status', 'violated');
  await expect(page.locator('.node.violating')).not.toHaveCount(0);
  await expect(page.locator('.mark.violation')).toHaveCount(1);
  await shot('violation');
});

test('share link replays to the same event', async ({ page, context }) => {
  await page.goto('/');
  await pause(page);
  for (let i = 0; i < 12; i++) await page.locator('[data-control="forward"]').click();
  const here = await snapshot(page);
  await page.locator('[data-control="share"]').click();
  const link = await page.locator('[data-share-link]').inputValue();
  expect(link).toMatch(/#s=1\./);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('[data-node]')).toHaveCount(5);
  expect(await snapshot(other)).toEqual(here);
});

test('manual mode: nothing moves until you fire a timer and deliver', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  await page.locator('[data-control="new"]').click();
  await page.locator('[data-setup="nodes"]').fill('3');
  await page.locator('[data-setup="manual"]').check();
  await page.locator('[data-setup="start"]').click();
  await expect(page.locator('[data-node]')).toHaveCount(3);
  await expect(page.locator('[data-msg]')).toHaveCount(0);
  await page.locator('[data-node="2"]').click();
  await page.locator('[data-act="timeout"]').click();
  await expect(page.locator('[data-node="2"]')).toHaveAttribute('data-role', 'candidate');
  await expect(page.locator('[data-msg]')).toHaveCount(2);
  // Time passes, but the messages wait for you.
  await fast(page);
  await page.locator('[data-control="play"]').click();
  await page.waitForTimeout(400);
  await pause(page);
  await expect(page.locator('[data-msg]')).toHaveCount(2);
  const msg = page.locator('[data-msg][data-kind="RequestVote"]').first();
  const id = await msg.getAttribute('data-msg');
  await msg.click();
  await page.locator('[data-act="deliver"]').click();
  await expect(page.locator(`[data-msg="${id}"]`)).toHaveCount(0);
  await expect(page.locator('[data-msg][data-kind="RequestVoteReply"]')).toHaveCount(1);
  await shot('manual-mode');
});

test('dark theme and reduced motion', async ({ page, shot }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  // With reduced motion the page does not start playing by itself.
  await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  expect(r + g + b).toBeLessThan(150);
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await shot('dark');
});

test('clicking a link, or Enter on it, cuts it in both directions', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await pause(page);
  await page.locator('[data-link="1-2"]').dispatchEvent('click');
  await expect(page.locator('[data-cut="1-2"]')).toHaveCount(1);
  await expect(page.locator('[data-cut="2-1"]')).toHaveCount(1);
  await expect(page.locator('[data-link="1-2"]')).toHaveCount(0);
  // The keyboard way, on another link.
  await page.locator('[data-link="3-4"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-cut="3-4"]')).toHaveCount(1);
  await expect(page.locator('[data-cut="4-3"]')).toHaveCount(1);
  await expect(page.locator('.event-list')).toContainText('cut S4 → S3');
  await shot('links-cut');
});

test('the Theme button switches between system, light and dark, and is remembered', async ({ page, shot }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const button = page.locator('[data-control="theme"]');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('theme-dark');
  await page.locator('[data-control="theme"]').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  expect(await background()).toBe(light);
});
