// Shared Playwright fixture: every test fails on a console error or an
// uncaught exception in the page, and can save a screenshot artifact.
const base = require('@playwright/test');
const path = require('path');

exports.expect = base.expect;

// Stops the run if it is playing (the default scenario opens playing).
exports.pause = async (page) => {
  const play = page.locator('[data-control="play"]');
  await base.expect(play).toBeVisible();
  if ((await play.getAttribute('data-playing')) === 'true') await play.click();
  await base.expect(play).toHaveAttribute('data-playing', 'false');
};
exports.test = base.test.extend({
  page: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(page);
    base.expect(errors, 'browser console must stay clean').toEqual([]);
  },
  // The whole page, with a viewport as tall as the page for the moment: what
  // lies outside the viewport may not be rendered at all (the event list's
  // rows are content-visibility: auto).
  shot: async ({ page }, use) => {
    await use(async (name) => {
      const size = page.viewportSize();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await page.screenshot({ path: path.join('test-artifacts', 'screenshots', `${name}.png`), fullPage: true });
      await page.setViewportSize(size);
    });
  },
});
