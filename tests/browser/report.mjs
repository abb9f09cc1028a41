// The seed's HTML report in headless Chromium, driven by playwright-core.
// Run by scripts/browser-test.sh, which installs what it needs and sets:
//   PLAYWRIGHT_CORE  the installed playwright-core package folder
//   CHROMIUM         the browser (/usr/bin/chromium)
//   REPORT           the report of fixtures/ai-industry-upgrade.txt
//   SCREENSHOT       where to save the PNG
//   USER_DATA_DIR    a fresh profile folder
// Prints one `ok`/`not ok` line a check, then `N passed, M failed`; exits 1
// when a check failed, 2 when the browser could not be driven at all.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`report.mjs: ${name} is not set (run scripts/browser-test.sh)`);
    process.exit(2);
  }
  return value;
};

const require = createRequire(join(env('PLAYWRIGHT_CORE'), 'package.json'));
const { chromium } = require(env('PLAYWRIGHT_CORE'));

let fontsUsed = '';
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}\n    ${String(err && err.message || err).split('\n').join('\n    ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// The line numbers (data-line) of the source lines that carry class `hl`.
async function highlighted(page) {
  return page.$$eval('#f1 .source .line.hl', (lines) => lines.map((l) => Number(l.dataset.line)));
}

function range(start, end) {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

// Whether an element is inside the source pane's visible area and the window.
async function inView(page, selector) {
  return page.$eval(selector, (el) => {
    const pane = el.closest('.source');
    const box = el.getBoundingClientRect();
    const frame = pane.getBoundingClientRect();
    return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1
      && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

const started = Date.now();
// A persistent context on a fresh, empty profile folder: playwright's way
// of passing --user-data-dir.
const context = await chromium.launchPersistentContext(env('USER_DATA_DIR'), {
  executablePath: env('CHROMIUM'),
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('request', (request) => requests.push(request.url()));
  const url = pathToFileURL(env('REPORT')).href;
  await page.goto(url, { waitUntil: 'load' });

  await check('the page loads the report and nothing else, without script errors', async () => {
    const title = await page.title();
    assert(title.includes('ai-industry-upgrade.txt'), `title: ${title}`);
    const others = requests.filter((u) => u !== url);
    assert(others.length === 0, `other requests: ${others.join(', ')}`);
    assert(errors.length === 0, `errors: ${errors.join('; ')}`);
  });

  await check('the outline tree shows the sections and points of the seed', async () => {
    const sections = await page.$$eval('#f1 .node.section > .row .text', (els) => els.map((e) => e.textContent));
    assert(JSON.stringify(sections) === JSON.stringify(['人工智能引领科技革命', '加速深化人工智能产业链', '人工智能赋能产业升级', '科学制定人工智能产业政策']), `sections: ${sections}`);
    const points = await page.$$eval('#f1 .node.point', (els) => els.length);
    assert(points === 8, `points: ${points}`);
  });

  await check('clicking the section 人工智能赋能产业升级 highlights lines 32-65 and scrolls to them', async () => {
    await page.click('#f1 a.label[data-start="32"]:has-text("人工智能赋能产业升级")');
    const lines = await highlighted(page);
    assert(JSON.stringify(lines) === JSON.stringify(range(32, 65)), `highlighted: ${lines}`);
    assert(await inView(page, '#f1-L32'), 'line 32 is not in view');
    const selected = await page.$$eval('#f1 a.label.selected', (els) => els.map((e) => e.dataset.start));
    assert(JSON.stringify(selected) === '["32"]', `selected: ${selected}`);
  });

  await check('clicking the point 一是 (line 42) moves the highlight to lines 42-49', async () => {
    await page.click('#f1 .node.point a.label[data-start="42"]');
    const lines = await highlighted(page);
    assert(JSON.stringify(lines) === JSON.stringify(range(42, 49)), `highlighted: ${lines}`);
    assert(await inView(page, '#f1-L42'), 'line 42 is not in view');
    const color = await page.$eval('#f1-L42', (el) => getComputedStyle(el).backgroundColor);
    const plain = await page.$eval('#f1-L41', (el) => getComputedStyle(el).backgroundColor);
    assert(color !== plain, `line 42 looks like line 41 (${color})`);
  });

  await check('the empty section at line 17 is marked with its warning', async () => {
    const cls = await page.$eval('#f1-L17', (el) => el.className);
    assert(cls.includes('diag-warning'), `line 17: ${cls}`);
    const note = page.locator('#f1 .note[data-rule="empty-section"]');
    assert(await note.isVisible(), 'the note is not visible');
    const text = await note.textContent();
    assert(text.includes('expected content under `人工智能引领科技革命`'), `note: ${text}`);
    assert(text.includes('warning'), `note: ${text}`);
  });

  await check('the placeholder at line 99 is marked; its finding link scrolls to it', async () => {
    const cls = await page.$eval('#f1-L99', (el) => el.className);
    assert(cls.includes('diag-warning'), `line 99: ${cls}`);
    const mark = await page.$eval('#f1-L99 mark', (el) => el.textContent);
    assert(mark === '[ ]', `mark: ${mark}`);
    await page.click('#f1 table.diagnostics a.jump[data-start="99"]');
    const note = page.locator('#f1 .note[data-rule="placeholder"]');
    assert(await note.isVisible(), 'the note is not visible');
    const text = await note.textContent();
    assert(text.includes('placeholder `[ ]` left in the text'), `note: ${text}`);
    assert(await inView(page, '#f1-L99'), 'line 99 is not in view');
    const lines = await highlighted(page);
    assert(JSON.stringify(lines) === '[99]', `highlighted: ${lines}`);
  });

  await check('every finding is listed, and summed up per rule', async () => {
    const notes = await page.$$eval('#f1 .note', (els) => els.length);
    const rows = await page.$$eval('#f1 table.diagnostics tbody tr', (els) => els.length);
    assert(notes === 11 && rows === 11, `notes ${notes}, rows ${rows}`);
    const summary = await page.$$eval('#f1 table.summary tbody tr', (rows) =>
      rows.map((r) => `${r.dataset.rule}=${r.querySelector('td.num').textContent}`));
    const expected = ['empty-section=1', 'placeholder=1', 'repeated-title=2', 'truncated-paragraph=7'];
    assert(JSON.stringify(summary) === JSON.stringify(expected), `summary: ${summary}`);
  });

  await check('the fold button hides and shows a section\'s children', async () => {
    const node = page.locator('#f1 .node.section:has(> .row a.label[data-start="67"])');
    const child = node.locator('a.label[data-start="74"]');
    assert(await child.isVisible(), 'point 74 hidden before folding');
    await node.locator(':scope > .row > button.toggle').click();
    assert(!(await child.isVisible()), 'point 74 still visible after folding');
    assert((await node.locator(':scope > .row > button.toggle').getAttribute('aria-expanded')) === 'false', 'aria-expanded');
    await node.locator(':scope > .row > button.toggle').click();
    assert(await child.isVisible(), 'point 74 hidden after unfolding');
  });

  await check('Chinese text is set in a system CJK font', async () => {
    // The fonts Chromium really used for the text of line 36.
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#f1-L36 .code' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const names = fonts.map((f) => `${f.familyName} (${f.glyphCount})`);
    const cjk = fonts.filter((f) => /CJK|Source Han|PingFang|YaHei|WenQuanYi|Hei|Song|Ming/i.test(f.familyName));
    const glyphs = cjk.reduce((n, f) => n + f.glyphCount, 0);
    await cdp.detach();
    assert(glyphs > 50, `fonts: ${names.join(', ')}`);
    fontsUsed = names.join(', ');
  });

  // The screenshot: point 一是 selected, its lines highlighted.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#f1 .node.point a.label[data-start="42"]');
  mkdirSync(dirname(env('SCREENSHOT')), { recursive: true });
  await page.screenshot({ path: env('SCREENSHOT') });
  console.log(`fonts of line 36: ${fontsUsed}`);
  console.log(`screenshot: ${env('SCREENSHOT')}`);
} catch (err) {
  failed += 1;
  console.log(`not ok - the browser run\n    ${err && err.stack || err}`);
} finally {
  await context.close();
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)}s in the browser)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
