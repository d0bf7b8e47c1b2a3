// The space-time diagram (issue 10): arrows per message, click to seek,
// SVG export, and compare mode running one fault script on every protocol.
const { test, expect } = require('./fixtures');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

// The share link of a scenario file, from the CLI (`./run test` builds it
// before the e2e stage): only its fragment.
function fragment(file) {
  const cli = path.join(__dirname, '..', 'target', 'release', 'quorumscope');
  const out = execFileSync(cli, ['link', path.join(__dirname, 'fixtures', file)], { encoding: 'utf8' });
  return out.trim().slice(out.indexOf('#'));
}

// One RequestVote round by hand on 3 servers: S1 times out and sends two
// RequestVotes; each delivered one is answered: 4 messages, 2 delivered,
// the 2 replies still in flight.
test('the diagram draws one arrow per message and clicking one seeks there', async ({ page, shot }) => {
  await page.goto('/' + fragment('spacetime-manual.json') + '&view=diagram');
  const svg = page.locator('#spacetime svg');
  await expect(svg).toBeVisible();
  for (let i = 0; i < 3; i++) await page.locator('[data-control="forward"]').click();
  await expect(page.locator('.clock')).toHaveAttribute('data-position', '3');
  await expect(svg.locator('.st-layer')).toHaveAttribute('data-total-arrows', '4');
  await expect(svg.locator('.st-arrow')).toHaveCount(4);
  await expect(svg.locator('.st-arrow[data-end="delivered"]')).toHaveCount(2);
  await expect(svg.locator('.st-arrow[data-end="in-flight"]')).toHaveCount(2);
  // S1 became a candidate in event 1: a mark on its lane.
  await expect(svg.locator('.st-mark[data-mark-kind="candidate"]')).toHaveCount(1);
  await expect(svg.locator('.st-arrow[data-msg="3"] title')).toContainText('RequestVoteReply');
  await shot('spacetime-manual');
  // Message #3 (S2's reply) was sent by event 2: clicking it goes there and selects it.
  await svg.locator('.st-arrow[data-msg="3"] line.hit').click({ force: true });
  await expect(page.locator('.clock')).toHaveAttribute('data-position', '2');
  await expect(page.locator('[data-inspector-msg="3"]')).toBeVisible();
  await expect(svg.locator('.st-arrow.sel')).toHaveAttribute('data-msg', '3');
  // A lane mark seeks too.
  await svg.locator('.st-mark[data-mark-kind="candidate"]').click();
  await expect(page.locator('.clock')).toHaveAttribute('data-position', '1');
});

test('export downloads a standalone SVG with the arrows', async ({ page }) => {
  await page.goto('/' + fragment('spacetime-manual.json') + '&view=diagram');
  for (let i = 0; i < 3; i++) await page.locator('[data-control="forward"]').click();
  await expect(page.locator('#spacetime svg .st-arrow')).toHaveCount(4);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-st="export"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('quorumscope-diagram.svg');
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  // Parsed in a blank page: the app's strict CSP would report the file's <style>.
  const blank = await page.context().newPage();
  const parsed = await blank.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: root.localName,
      ns: root.namespaceURI,
      title: root.querySelector('title')?.textContent,
      style: root.querySelector('style')?.textContent.length || 0,
      arrows: root.querySelectorAll('.st-arrow').length,
      lines: root.querySelectorAll('.st-arrow line.v').length,
    };
  }, text);
  await blank.close();
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe('svg');
  expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
  expect(parsed.title).toContain('Diagram: one vote round by hand');
  expect(parsed.style).toBeGreaterThan(100);
  expect(parsed.arrows).toBe(4);
  expect(parsed.lines).toBe(4);
});

test('export PNG downloads the same drawing as a PNG at twice its size', async ({ page }) => {
  await page.goto('/' + fragment('spacetime-manual.json') + '&view=diagram');
  for (let i = 0; i < 3; i++) await page.locator('[data-control="forward"]').click();
  const svg = page.locator('#spacetime svg');
  await expect(svg.locator('.st-arrow')).toHaveCount(4);
  const [width, height] = await svg.evaluate((e) => [Number(e.getAttribute('width')), Number(e.getAttribute('height'))]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-st="export-png"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('quorumscope-diagram.png');
  const png = fs.readFileSync(await download.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The IHDR chunk comes first: width and height, big-endian.
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * width, 2 * height]);
  // Drawn, not blank: a blank canvas compresses to a few hundred bytes.
  expect(png.length).toBeGreaterThan(5000);
});

// 10,000 events: while the scrubber moves the arrows are sketched in a few
// paths; once it stops, every arrow of the window is its own element again.
test('a long history is sketched while scrubbing and drawn in full once it stops', async ({ page, shot }) => {
  await page.goto('/' + fragment('../../benches/scrub-10k.json') + '&view=diagram');
  const layer = page.locator('#spacetime svg .st-layer');
  await expect(layer).toHaveAttribute('data-detailed', 'true');
  const timeline = page.locator('[data-control="timeline"]');
  const sketched = await timeline.evaluate((s) => new Promise((done) => {
    const layer = () => document.querySelector('#spacetime svg .st-layer');
    let seen = false;
    let i = 0;
    const step = () => {
      seen = seen || (layer().getAttribute('data-detailed') === 'false' && layer().querySelector('.st-sketch path') !== null);
      if (i === 10) return done(seen);
      s.value = String(1000 + i * 797);
      s.dispatchEvent(new Event('input', { bubbles: true }));
      i++;
      setTimeout(step, 16);
    };
    step();
  }));
  expect(sketched).toBe(true);
  await expect(layer).toHaveAttribute('data-detailed', 'true');
  const drawn = Number(await layer.getAttribute('data-arrows'));
  expect(drawn).toBeGreaterThan(50);
  await expect(layer.locator('.st-arrow')).toHaveCount(drawn);
  await expect(layer.locator('.st-sketch')).toHaveCount(0);
  await shot('spacetime-10k');
});

// While sketched there is no element per arrow: a click finds the arrow
// under the pointer, seeks to its send and selects it.
test('clicking an arrow of a sketch seeks to its send and selects it', async ({ page }) => {
  await page.goto('/' + fragment('../../benches/scrub-10k.json') + '&view=diagram');
  const layer = page.locator('#spacetime svg .st-layer');
  await expect(layer).toHaveAttribute('data-detailed', 'true');
  const clicked = await page.locator('[data-control="timeline"]').evaluate((s) => new Promise((done) => {
    s.value = '5000';
    s.dispatchEvent(new Event('input', { bubbles: true }));
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const svg = document.querySelector('#spacetime svg');
      const line = svg.querySelector('.st-sketch path.v');
      if (!line) return done(null);
      // The midpoint of the sketch's first line, from drawing units to the page.
      const [x1, y1, x2, y2] = line.getAttribute('d').match(/^M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)/).slice(1).map(Number);
      const box = svg.getBoundingClientRect();
      const [w, h] = svg.getAttribute('viewBox').split(' ').slice(2).map(Number);
      const x = box.left + ((x1 + x2) / 2) * box.width / w;
      const y = box.top + ((y1 + y2) / 2) * box.height / h;
      line.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }));
      done(true);
    }));
  }));
  expect(clicked).toBe(true);
  const selected = page.locator('#spacetime .st-arrow.sel');
  await expect(selected).toHaveCount(1);
  const id = await selected.getAttribute('data-msg');
  await expect(page.locator(`[data-inspector-msg="${id}"]`)).toBeVisible();
  await expect(page.locator('.clock')).toHaveAttribute('data-position', await selected.getAttribute('data-event'));
});

test('compare mode runs the same fault script on every protocol', async ({ page, shot }) => {
  await page.goto('/' + fragment('spacetime-faults.json') + '&compare=raft,multipaxos,vsr');
  const cols = page.locator('[data-compare-protocol]');
  await expect(cols).toHaveCount(3);
  await page.locator('[data-control="speed"]').fill('10');
  await page.locator('[data-control="play"]').click();
  // Play past the last fault (crash at 800 ms), then pause.
  await expect.poll(async () => Number((await page.locator('.clock').textContent()).match(/([0-9]+) ms/)[1]),
    { timeout: 20_000 }).toBeGreaterThan(900);
  await page.locator('[data-control="play"]').click();
  for (const id of ['raft', 'multipaxos', 'vsr']) {
    const col = page.locator(`[data-compare-protocol="${id}"]`);
    await expect(col.locator('[data-fault-times]')).toHaveAttribute('data-fault-times', '300,600,800');
    expect(Number(await col.locator('[data-stat="sent"]').textContent())).toBeGreaterThan(0);
    await expect(col.locator('svg .st-arrow').first()).toBeAttached();
    // The crashed server's lane is shaded from 800 ms.
    await expect(col.locator('svg [data-down="4"]')).toHaveCount(1);
  }
  await expect(page.locator('[data-compare-protocol="vsr"] [data-stat="first-leader"]')).toHaveText('0 ms');
  await shot('compare-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot('compare-phone');
});
