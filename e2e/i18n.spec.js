// Issue 13: English and Simplified Chinese. A link's &lang=zh opens the page
// in Chinese without storing it; the picker switches at once without losing
// the session and is remembered; Chinese fits a phone; the Share dialog can
// put the language into the link.
const { test, expect, pause } = require('./fixtures');

const position = (page) => page.locator('.clock').getAttribute('data-position');
const stored = (page) => page.evaluate(() => localStorage.getItem('quorumscope.lang'));

// Words that stay in English in the Chinese UI: the papers' identifiers
// (message types, fields, invariants), names, and values the kernel writes.
const KEPT = new Set(['QuorumScope', 'Raft', 'Multi-Paxos', 'English', 'ms', 'none', 'RequestVote', 'RequestVoteReply',
  'AppendEntries', 'AppendEntriesReply', 'PreVote', 'PreVoteReply', 'currentTerm', 'votedFor', 'commitIndex',
  'lastApplied', 'nextIndex', 'matchIndex', 'ElectionSafety', 'LeaderAppendOnly', 'LogMatching',
  'LeaderCompleteness', 'StateMachineSafety', 'AckedWriteDurable']);

// English words left in the main panels, the kernel's explanations and the
// tour's narration included (letters, ids like S3, t2, RV, v1 and the kept
// words aside).
async function english(page) {
  const selectors = ['.top-actions', '.controls', '.inspector', '.invariants', '.network', '.legend',
    '.logs', '.events', '.narration', '.views-bar'];
  const texts = await Promise.all(selectors.map((s) => page.locator(s).first().innerText()));
  const words = texts.join(' ').match(/[A-Za-z][A-Za-z-]*/g) || [];
  return words.filter((w) => !KEPT.has(w) && !/^(S|[A-Z]{1,3}|v|t)$/.test(w));
}

test('a link with &lang=zh opens in Chinese; the picker switches back at once and is remembered',
  async ({ page, shot }) => {
    await page.goto('/#preset=raft/election&lang=zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.locator('[data-control="help"]')).toHaveText('帮助');
    await expect(page.locator('[data-control="lang"]')).toHaveValue('zh');
    await pause(page);
    await expect(page.locator('[data-control="play"]')).toContainText('播放');
    await expect(page.locator('[data-control="forward"]')).toContainText('单步');
    await expect(page.locator('.events h2')).toContainText('事件');
    // The link's language is for this visit: it is not stored as a choice.
    expect(await stored(page)).toBeNull();
    for (let i = 0; i < 25; i++) await page.locator('[data-control="forward"]').click();
    await page.locator('[data-node="1"]').click();
    await expect(page.locator('.inspector')).toContainText('持久状态');
    await expect(page.locator('.event-list .event.current .headline')).toContainText(/[\u4e00-\u9fff]/);
    expect(await english(page)).toEqual([]);
    await shot('zh-desktop');

    const here = await position(page);
    await page.locator('[data-control="lang"]').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('[data-control="play"]')).toContainText('Play');
    await expect(page.locator('.events h2')).toContainText('Events');
    await expect(page.locator('.inspector')).toContainText('Durable');
    expect(await position(page)).toBe(here);
    await expect(page.locator('[data-inspector-node="1"]')).toBeVisible();
    expect(await stored(page)).toBe('en');
    expect(page.url()).not.toContain('lang=');

    // The choice survives a reload, both ways.
    await page.reload();
    await expect(page.locator('[data-control="help"]')).toHaveText('Help');
    await expect(page.locator('[data-control="lang"]')).toHaveValue('en');
    await page.locator('[data-control="lang"]').selectOption('zh');
    await expect(page.locator('[data-control="help"]')).toHaveText('帮助');
    await page.reload();
    await expect(page.locator('[data-control="help"]')).toHaveText('帮助');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  });

test('the picker is a labelled control that the keyboard can use', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByRole('combobox', { name: /Language/ });
  await expect(picker).toHaveValue('en');
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-control="help"]')).toHaveText('帮助');
  await expect(page.getByRole('combobox', { name: /语言/ })).toHaveValue('zh');
});

test('Chinese at phone width has no horizontal overflow', async ({ page, shot }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/#lang=zh');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await page.locator('[data-control="speed"]').fill('10');
  await expect(page.locator('[data-node][data-role="leader"]')).toHaveCount(1, { timeout: 15_000 });
  await pause(page);
  await page.locator('[data-node="1"]').click();
  await page.locator('[data-control="diagram"]').click();
  await expect(page.locator('.inspector')).toContainText('易失状态');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot('zh-phone');
});

test('the Share dialog can put the language into the link', async ({ page, context }) => {
  await page.goto('/#lang=zh');
  await pause(page);
  await page.locator('[data-control="share"]').click();
  const link = page.locator('[data-share-link]');
  await expect(link).not.toHaveValue(/lang=/);
  await page.locator('[data-share-lang="zh"]').check();
  await expect(link).toHaveValue(/#s=1\.[^&]*&lang=zh$/);
  await expect(page.locator('[data-embed-snippet]')).toHaveValue(/&amp;lang=zh"/);
  // Opened elsewhere (nothing stored, an English browser), the link is in Chinese.
  const other = await context.newPage();
  await other.goto(await link.inputValue());
  await expect(other.locator('[data-control="help"]')).toHaveText('帮助');
  await other.close();
});
