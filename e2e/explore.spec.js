// Issue 11: the Explore panel finds, shrinks and replays a counterexample;
// a search on a correct protocol can be stopped; bad input is explained; the
// first seed repeats a search; the bounded exhaustive search shows correct
// Raft safe to a depth and finds a shortest counterexample on a buggy one.
const { test, expect } = require('./fixtures');

async function openExplore(page, hash = '') {
  await page.goto(`/${hash}`);
  await page.locator('[data-control="explore"]').click();
  await expect(page.locator('[data-explore="open"]')).toBeVisible();
}

async function setField(page, name, value) {
  const input = page.locator(`[data-explore="${name}"]`);
  await input.fill(value);
  await input.dispatchEvent('change');
}

// Switches the panel to the exhaustive search, to `depth`.
async function exhaustive(page, depth) {
  await page.locator('[data-explore="mode"]').selectOption('exhaustive');
  await setField(page, 'depth', depth);
}

const status = (page) => page.locator('[data-explore="status"]');
const count = (page) => status(page).getAttribute('data-count').then(Number);
const checkVariant = (page, v) => page.locator(`[data-explore="open"] [data-variant="${v}"]`).check();

// The page answers while searching: 20 frames in a row are painted, none
// held for seconds. Not a speed target (the machine running the tests may
// be busy): a search holding the main thread would hold it for its whole
// budget (120 s below).
async function expectResponsive(page) {
  const frameMs = await page.evaluate(() => new Promise((done) => {
    let last = performance.now(), worst = 0, frames = 0;
    const frame = (t) => {
      worst = Math.max(worst, t - last);
      last = t;
      if (++frames < 20) requestAnimationFrame(frame); else done(worst);
    };
    requestAnimationFrame(frame);
  }));
  expect(frameMs).toBeLessThan(2000);
}

// Stop stops: the count no longer moves.
async function stopAndExpectStill(page) {
  await page.locator('[data-explore="stop"]').click();
  await expect(status(page)).toHaveAttribute('data-state', 'stopped');
  const done = await count(page);
  await page.waitForTimeout(300);
  expect(await count(page)).toBe(done);
}

// Replay closes the panel and opens the counterexample paused just before the
// violating event, with the banner; returns the banner's text.
async function replay(page) {
  await page.locator('[data-explore="replay"]').click();
  await expect(page.locator('[data-explore="open"]')).toHaveCount(0);
  const banner = page.locator('.banner[data-banner]');
  await expect(banner).toBeVisible();
  // The banner names event #N, the clock is at N-1.
  const text = await banner.textContent();
  const n = Number(text.match(/event #(\d+)/)[1]);
  await expect(page.locator('.clock')).toHaveAttribute('data-position', String(n - 1));
  await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
  await expect(page.locator('.scenario-title')).toContainText('Counterexample');
  return text;
}

test('finds a Raft bug, shrinks it and replays it just before the violation', async ({ page, shot }) => {
  await openExplore(page);
  await checkVariant(page, 'no_up_to_date_check');
  await page.locator('[data-explore="start"]').click();
  await expect(status(page)).toHaveAttribute('data-state', 'found', { timeout: 20_000 });
  await expect(status(page)).toContainText('violated');
  await expect(page.locator('[data-explore="progress"]')).toContainText(/\d+ events\/s, \d+ executions\/s/);
  await shot('explore-found');
  await replay(page);
  await shot('explore-replay');
});

test('a search on correct Raft runs in a worker: the page stays responsive, Stop terminates it', async ({ page }) => {
  await openExplore(page);
  await page.locator('[data-explore="budget-kind"]').selectOption('seconds');
  await setField(page, 'budget', '120');
  // The worker is loaded when a search starts, not with the page.
  expect(page.workers()).toHaveLength(0);
  const started = page.waitForEvent('worker');
  await page.locator('[data-explore="start"]').click();
  const worker = await started;
  // Its files are named after their content, so no cache pairs a new page
  // with an old worker.
  expect(worker.url()).toMatch(/\/explore-worker-[0-9a-f]{16}\.js$/);
  const closed = new Promise((resolve) => worker.on('close', resolve));
  await expect(status(page)).toHaveAttribute('data-state', 'searching');
  await expect.poll(() => count(page)).toBeGreaterThan(3);
  // Its reports keep arriving while the page paints.
  const before = await count(page);
  await expectResponsive(page);
  await expect.poll(() => count(page)).toBeGreaterThan(before);
  await stopAndExpectStill(page);
  await closed;
  expect(page.workers()).toHaveLength(0);
  await expect(page.locator('[data-explore="start"]')).toBeEnabled();
  await expect(page.locator('[data-explore="replay"]')).toHaveCount(0);
});

test('a worker that fails says so in the panel, and the page keeps working', async ({ page }) => {
  await page.route('**/explore-worker-*.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: "throw new Error('a broken worker');" }));
  await openExplore(page);
  await page.locator('[data-explore="start"]').click();
  await expect(status(page)).toHaveAttribute('data-state', 'failed');
  await expect(status(page)).toContainText('could not be loaded, or it crashed');
  // Start is offered again, and the rest of the page still answers.
  await expect(page.locator('[data-explore="start"]')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-explore="open"]')).toHaveCount(0);
  await page.locator('[data-control="forward"]').click();
});

test('bad input gives a clear message and starts nothing', async ({ page, shot }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openExplore(page);
  const error = page.locator('[data-explore="error"]');
  await setField(page, 'nodes', '2');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('Servers');
  await expect(error).toContainText('3 to 9');
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await setField(page, 'nodes', '3');
  await setField(page, 'seed', '0');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('First seed: "0" is not a whole number from 1 to 9007199254740991');
  await setField(page, 'seed', '1');
  await setField(page, 'budget', '0');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('executions');
  await setField(page, 'budget', '50');
  for (const box of await page.locator('[data-explore="open"] [data-fault]').all()) await box.uncheck();
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('at least one fault kind');
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await shot('explore-mobile-error');
  await page.locator('[data-explore="open"] [data-fault="crash"]').check();
  await page.locator('[data-explore="start"]').click();
  await expect(error).toHaveCount(0);
  await expect(status(page)).toHaveAttribute('data-state', /searching|exhausted|found/);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-explore="open"]')).toHaveCount(0);
});

test('the same first seed finds the same counterexample twice; its own seed finds it at once', async ({ page }) => {
  const search = async (seed) => {
    await openExplore(page);
    await setField(page, 'seed', seed);
    await checkVariant(page, 'no_up_to_date_check');
    await page.locator('[data-explore="start"]').click();
    await expect(status(page)).toHaveAttribute('data-state', 'found', { timeout: 20_000 });
    const found = await status(page).locator('strong').textContent();
    // The executions and their seeds (not the rate, which varies).
    const progress = (await page.locator('[data-explore="progress"]').textContent()).replace(/, \d+ events\/s, \d+ executions\/s$/, '');
    const banner = await replay(page);
    await expect(page).toHaveURL(/#s=1\./);
    return { found, progress, banner, executions: Number(progress.match(/^(\d+) executions?/)[1]), url: page.url() };
  };
  const first = await search('7');
  expect(await search('7')).toEqual(first);
  const seed = first.found.match(/\(seed (\d+)\)/)[1];
  expect(first.progress).toBe(`${first.executions} executions (seeds 7–${seed})`);
  const again = await search(seed);
  expect({ ...again, progress: '', executions: 0 }).toEqual({ ...first, progress: '', executions: 0 });
  expect(again.executions).toBe(1);
});

test('exhaustive search: vote_not_persisted breaks ElectionSafety on a shortest path of 8 events', async ({ page, shot }) => {
  test.setTimeout(120_000);
  await openExplore(page);
  await exhaustive(page, '8');
  await expect(page.locator('[data-explore="mode-hint"]')).toContainText('3 servers');
  await expect(page.locator('[data-explore="nodes"], [data-explore="seed"], [data-fault]')).toHaveCount(0);
  await checkVariant(page, 'vote_not_persisted');
  // The keyboard starts it (Enter in a field submits the form), and the focus
  // follows: Stop while it runs, Replay once it has found something.
  await page.locator('[data-explore="depth"]').press('Enter');
  await expect(status(page)).toHaveAttribute('data-state', 'searching');
  await expect(page.locator('[data-explore="stop"]')).toBeFocused();
  // Live progress: states and depth grow while the page stays responsive.
  await expect(page.locator('[data-explore="progress"]')).toContainText(/states, depth \d of 8/);
  const early = await count(page);
  await expect.poll(() => count(page)).toBeGreaterThan(early);
  await expectResponsive(page);
  await expect(status(page)).toHaveAttribute('data-state', 'found', { timeout: 100_000 });
  await expect(status(page)).toContainText('ElectionSafety violated on a shortest path of 8 actions');
  await expect(page.locator('[data-explore="replay"]')).toBeFocused();
  await shot('explore-exhaustive-found');
  expect(await replay(page)).toContain('ElectionSafety');
  await expect(page.locator('.scenario-title')).toContainText('shortest path of 8 actions');
  await shot('explore-exhaustive-replay');
});

test('exhaustive search: correct Raft has no violation to depth 4, and a deep search stops when asked', async ({ page }) => {
  await openExplore(page);
  await exhaustive(page, '4');
  await page.locator('[data-explore="start"]').click();
  await expect(status(page)).toHaveAttribute('data-state', 'exhausted', { timeout: 20_000 });
  const states = await count(page);
  expect(states).toBeGreaterThan(100);
  await expect(status(page)).toContainText(`No violation up to depth 4 (${states} states).`);
  await expect(page.locator('[data-explore="start"]')).toBeFocused();
  await expect(page.locator('[data-explore="replay"]')).toHaveCount(0);

  await setField(page, 'depth', '12');
  await page.locator('[data-explore="start"]').click();
  await expect.poll(() => count(page)).toBeGreaterThan(states);
  await stopAndExpectStill(page);
  await expect(page.locator('[data-explore="depth"]')).toBeEnabled();
});

test('the panel in Chinese: bad input, and an exhaustive search, at phone width', async ({ page, shot }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openExplore(page, '#lang=zh');
  const error = page.locator('[data-explore="error"]');
  await setField(page, 'seed', '-3');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('起始种子：“-3”不是 1 到 9007199254740991 之间的整数。');
  await exhaustive(page, '13');
  await expect(page.locator('[data-explore="mode-hint"]')).toContainText('3 台服务器');
  await page.locator('[data-explore="start"]').click();
  await expect(error).toContainText('深度（每条路径的事件数）：“13”不是 1 到 12 之间的整数。');
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await setField(page, 'depth', '3');
  await page.locator('[data-explore="start"]').click();
  await expect(status(page)).toHaveAttribute('data-state', 'exhausted');
  await expect(status(page)).toContainText('深度 3 以内没有违反');
  await expect(page.locator('[data-explore="progress"]')).toContainText('个状态，深度 3/3');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot('explore-zh-phone');
});
