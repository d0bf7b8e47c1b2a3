// Issue 7: share links, the preset library, guided tours, import/export,
// embed mode, history, and bad links and files.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { test, expect, pause } = require('./fixtures');

// Every preset file shipped (the kernel's tests hold the table to the files).
const PRESET_COUNT = fs.readdirSync(path.join(__dirname, '..', 'protocol-core', 'presets'), { recursive: true })
  .filter((f) => f.endsWith('.json') && !f.endsWith('.zh.json')).length;

const hashOf = (page) => page.locator('.foot [data-trace-hash]').getAttribute('data-trace-hash');

async function view(page) {
  return {
    position: await page.locator('.clock').getAttribute('data-position'),
    nodes: await page.locator('[data-node]').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label'))),
    msgs: await page.locator('[data-msg]').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-msg'))),
    hash: await hashOf(page),
  };
}

// A link to a scenario, made the way the app makes them (raw deflate, base64url).
function linkFor(scenario) {
  const body = zlib.deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url');
  return `/#s=1.${body}`;
}

async function intervene(page) {
  await pause(page);
  for (let i = 0; i < 12; i++) await page.locator('[data-control="forward"]').click();
  const msg = page.locator('[data-msg]').first();
  const id = await msg.getAttribute('data-msg');
  await msg.click();
  await page.locator(`[data-inspector-msg="${id}"] [data-act="drop"]`).click();
  await page.locator('[data-node="2"]').click();
  await page.locator('[data-inspector-node="2"] [data-act="crash"]').click();
  for (let i = 0; i < 6; i++) await page.locator('[data-control="forward"]').click();
  await page.locator('[data-control="back"]').click();
}

test('share: the link replays the same run at the same event', async ({ page, context, shot }) => {
  await page.goto('/');
  await intervene(page);
  const here = await view(page);
  await page.locator('[data-control="share"]').click();
  const link = await page.locator('[data-share-link]').inputValue();
  expect(link).toMatch(/#s=1\./);
  expect(link.length).toBeLessThan(2000);
  await expect(page.locator('.dialog [data-trace-hash]')).toHaveAttribute('data-trace-hash', here.hash);
  await expect(page.locator('[data-embed-snippet]')).toHaveValue(/^<iframe src="[^"]*\?embed=1#s=1\./);
  await shot('share-dialog');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-share="open"]')).toHaveCount(0);
  // The address bar follows the run too (once it holds still), and the
  // title says where we are.
  await expect.poll(() => page.url()).toBe(link);
  await expect(page).toHaveTitle(new RegExp(`event ${here.position} `));
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('[data-node]')).toHaveCount(5);
  expect(await view(other)).toEqual(here);
  await expect(other.locator('[data-node="2"]')).toHaveAttribute('aria-label', /crashed/);
});

test('library: every preset opens, grouped, with bug markers', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  await page.locator('[data-control="library"]').click();
  const items = page.locator('[data-preset]');
  await expect(items).toHaveCount(PRESET_COUNT);
  await expect(page.locator('[data-protocol]')).toHaveCount(3);
  await expect(page.locator('[data-preset="raft/bug-vote-not-persisted"] [data-bug]')).toBeVisible();
  await expect(page.locator('[data-preset="raft/election"] [data-bug]')).toHaveCount(0);
  await shot('library');
  const ids = await items.evaluateAll((xs) => xs.map((x) => [x.dataset.preset, x.querySelector('.preset-title').textContent]));
  for (const [id, title] of ids) {
    if ((await page.locator('[data-library="open"]').count()) === 0) await page.locator('[data-control="library"]').click();
    await page.locator(`[data-preset="${id}"]`).click();
    await expect(page.locator('[data-library="open"]')).toHaveCount(0);
    await expect(page.locator('.scenario-title'), id).toContainText(title);
    await expect(page.locator('[data-tour-step="0"]'), id).toBeVisible();
    await expect(page.locator('[data-notice="error"]'), id).toHaveCount(0);
  }
});

test('tour: Next pauses at each note to the end, Back returns', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  await page.locator('[data-control="speed"]').fill('10');
  await page.locator('[data-control="library"]').click();
  await page.locator('[data-preset="raft/figure8"]').click();
  const tour = page.locator('[data-tour-step]');
  const total = Number(await tour.getAttribute('data-tour-total'));
  expect(total).toBeGreaterThan(4);
  let spotted = false;
  for (let i = 1; i < total; i++) {
    if (i <= 2) {
      // Next plays to the next note and pauses there.
      await page.locator('[data-tour="next"]').click();
    } else {
      // A second Next while playing skips the rest of the way.
      await page.evaluate(() => {
        const next = document.querySelector('[data-tour="next"]');
        next.click();
        next.click();
      });
    }
    await expect(tour).toHaveAttribute('data-tour-step', String(i), { timeout: 15_000 });
    await expect(tour).toHaveAttribute('data-tour-moving', 'false');
    await expect(page.locator('[data-control="play"]')).toHaveAttribute('data-playing', 'false');
    if ((await page.locator('.cluster-wrap[class*="spot-"]').count()) > 0) spotted = true;
    if (i === 3) await shot('tour-step');
  }
  expect(spotted).toBe(true);
  await expect(page.locator('[data-tour="next"]')).toBeDisabled();
  const end = await page.locator('.clock').getAttribute('data-position');
  await page.locator('[data-tour="back"]').click();
  await expect(tour).toHaveAttribute('data-tour-step', String(total - 2));
  expect(Number(await page.locator('.clock').getAttribute('data-position'))).toBeLessThan(Number(end));
  await page.locator('[data-tour="exit"]').click();
  await expect(page.locator('[data-tour-step]')).toHaveCount(0);
});

test('export the scenario and the trace, import the file: same hash', async ({ page, context }, info) => {
  await page.goto('/');
  await intervene(page);
  const here = await view(page);
  await page.locator('[data-control="share"]').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="scenario"]').click()]);
  const file = info.outputPath(dl.suggestedFilename());
  await dl.saveAs(file);
  const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(scenario.format).toBe('quorumscope/1');
  expect(String(scenario.cursor)).toBe(here.position);
  const [tl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="trace"]').click()]);
  const trace = JSON.parse(fs.readFileSync(await tl.path(), 'utf8'));
  expect(trace.trace_hash).toBe(here.hash);
  expect(String(trace.events.length)).toBe(here.position);
  expect(trace.events.some((e) => e.notes.length > 0)).toBe(true);

  const other = await context.newPage();
  await other.goto('/');
  await pause(other);
  await other.locator('[data-import]').setInputFiles(file);
  await expect(other.locator('[data-notice="info"]')).toBeVisible();
  expect(await view(other)).toEqual(here);
});

test('a broken file says what is wrong and keeps the current run', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  for (let i = 0; i < 5; i++) await page.locator('[data-control="forward"]').click();
  const before = await view(page);
  const input = page.locator('[data-import]');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": ') });
  await expect(page.locator('[data-notice="error"]')).toContainText('broken.json');
  expect(await view(page)).toEqual(before);
  const bad = { format: 'quorumscope/1', protocol: 'raft', nodes: 5, script: [{ do: 'crash', node: 9 }] };
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.locator('[data-notice="error"]')).toContainText('script[0].node');
  await shot('bad-file');
  expect(await view(page)).toEqual(before);
});

test('broken links of every kind show a message and load the default', async ({ page, shot }) => {
  await page.goto('/');
  await pause(page);
  await page.locator('[data-control="share"]').click();
  const good = await page.locator('[data-share-link]').inputValue();
  const payload = good.slice(good.indexOf('#s=1.') + 5);
  const corrupt = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11, 20) + '_-_' + payload.slice(23);
  const cases = [
    ['truncated', `/#s=1.${payload.slice(0, Math.floor(payload.length / 2))}`, /damaged/],
    ['corrupted', `/#s=1.${corrupt}`, /damaged|not valid/],
    ['not base64', '/#s=1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /damaged/],
    ['oversize', `/#s=1.${'A'.repeat(9000)}`, /8192 bytes/],
    ['unknown version', '/#s=7.abcdef', /version "7"/],
    ['invalid nodes', linkFor({ format: 'quorumscope/1', protocol: 'raft', nodes: 12 }), /nodes/],
    ['unknown variant', linkFor({ format: 'quorumscope/1', protocol: 'raft', variant: ['<b>x</b>'] }), /variant/],
    ['unknown field', linkFor({ format: 'quorumscope/1', protocol: 'raft', evil: '<script>alert(1)</script>' }), /evil/],
    ['unknown preset', '/#preset=raft/nope', /no preset/],
  ];
  for (const [what, url, message] of cases) {
    await page.goto('about:blank');
    await page.goto(url);
    const notice = page.locator('[data-notice="error"]');
    await expect(notice, what).toContainText('could not be opened');
    await expect(notice, what).toContainText(message);
    await expect(page.locator('[data-node]'), what).toHaveCount(5);
    await expect(page.locator('.scenario-title'), what).toContainText('leader election');
    await expect(page.locator('img, b, script:not([src])'), what).toHaveCount(0);
    if (what === 'unknown field') await shot('broken-link-field');
  }
});

test('embed mode shows the cluster, controls and narration only', async ({ page, shot }) => {
  await page.setViewportSize({ width: 480, height: 640 });
  await page.goto('/?embed=1#preset=raft/election');
  await expect(page.locator('[data-embed]')).toBeVisible();
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await expect(page.locator('[data-control="play"]')).toBeVisible();
  await expect(page.locator('[data-tour-step="0"]')).toBeVisible();
  await expect(page.locator('header.top, .side, .bottom, [data-control="share"]')).toHaveCount(0);
  await expect(page.locator('[data-open-full]')).toHaveAttribute('href', /#s=1\./);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot('embed');
});

test('back and forward return to the previous scenario; the CSP is strict', async ({ page }) => {
  await page.goto('/');
  await pause(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  await expect(page.locator('.scenario-title')).toContainText('leader election');
  await page.locator('[data-control="library"]').click();
  await page.locator('[data-preset="vsr/normal-operation"]').click();
  await expect(page.locator('.scenario-title')).toContainText('Viewstamped');
  await expect(page).toHaveTitle(/VSR|Viewstamped|normal/i);
  await page.goBack();
  await expect(page.locator('.scenario-title')).toContainText('leader election');
  await page.goForward();
  await expect(page.locator('.scenario-title')).toContainText('Viewstamped');
});
