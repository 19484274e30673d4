// a11y.mjs: opens each HTML edition in Debian's Chromium (headless), runs
// axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, fails on any violation
// or on any request that leaves the file, and saves a screenshot at phone
// (390x844) and desktop (1280x900) width.
//
// The DOM is the same at both widths; only the layout differs. At phone
// width every rule runs but color-contrast; at desktop width the rules whose
// outcome depends on layout run again, with color-contrast, which needs the
// text on screen: at phone width the cells of wide tables are scrolled out
// of their region, and axe can only mark them "needs review". Colour
// contrast is over half of axe's time on these long pages, so it runs once.
//
//   node tests/browser/a11y.mjs --shots DIR [--full] FILE.html...
//
// --full takes full-page screenshots (slow on long pages) instead of the
// first screen. Documents are checked two at a time.
//
// Exit status: 0 clean, 1 violations or external requests, 2 usage or set-up.
import { readFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LAYOUT_RULES = ['color-contrast', 'target-size', 'scrollable-region-focusable',
  'link-in-text-block', 'meta-viewport', 'css-orientation-lock', 'avoid-inline-spacing'];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, only: null, skip: ['color-contrast'] },
  { name: 'desktop', width: 1280, height: 900, only: LAYOUT_RULES, skip: [] },
];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

function usage() {
  console.error('usage: node a11y.mjs --shots DIR [--full] FILE.html...');
  process.exit(2);
}

const argv = process.argv.slice(2);
let shots = null;
let full = false;
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--shots') shots = argv[++i];
  else if (argv[i] === '--full') full = true;
  else if (argv[i].startsWith('-')) usage();
  else files.push(argv[i]);
}
if (!shots || files.length === 0) usage();
mkdirSync(shots, { recursive: true });

// One page per lane, reused from document to document (a new page costs a
// new renderer process).
async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: VIEWPORTS[0].width, height: VIEWPORTS[0].height },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  // The edition must be self-contained: anything but the file itself (and
  // data: URLs) is refused and reported.
  page.current = { url: null, problems: [] };
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === page.current.url || u.startsWith('data:')) return route.continue();
    page.current.problems.push(`external request ${u}`);
    return route.abort();
  });
  return page;
}

async function check(page, file, shotDir = shots) {
  const url = pathToFileURL(resolve(file)).href;
  const problems = [];
  const rules = new Set();
  page.current = { url, problems };
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ content: axeSource });
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const result = await page.evaluate(async ({ tags, only, skip }) => {
      /* global axe */
      const known = new Set(axe.getRules(tags).map((r) => r.ruleId));
      const runOnly = only ? { type: 'rule', values: only.filter((id) => known.has(id)) }
        : { type: 'tag', values: tags };
      const rules = Object.fromEntries(skip.map((id) => [id, { enabled: false }]));
      const r = await axe.run(document, { runOnly, rules, resultTypes: ['violations'] });
      return {
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        })),
        rules: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable]
          .map((x) => x.id),
      };
    }, { tags: TAGS, only: vp.only, skip: vp.skip });
    for (const id of result.rules) rules.add(id);
    for (const v of result.violations) {
      problems.push(`${vp.name}: ${v.id} (${v.impact}): ${v.help}`);
      for (const t of v.targets.slice(0, 5)) problems.push(`    at ${t}`);
      if (v.targets.length > 5) problems.push(`    ... and ${v.targets.length - 5} more`);
    }
    const shot = `${shotDir}/${basename(file, '.html')}-${vp.name}.png`;
    await page.screenshot({ path: shot, fullPage: full });
  }
  return { problems, rules: rules.size };
}

let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
} catch (e) {
  console.error(`a11y: cannot launch ${CHROMIUM}: ${e.message.split('\n')[0]}`);
  process.exit(2);
}
// The set-up above must still catch a plain failure: grey text on white at
// 2.3:1, an image with no text, no language. If axe finds less, the
// configuration is wrong and every pass would mean nothing.
const CANARY = '<!DOCTYPE html><title>canary</title><main><h1>Canary</h1>' +
  '<p style="color:#aaa">Grey text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>';
{
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/a11y-canary-`);
  writeFileSync(`${dir}/canary.html`, CANARY);
  const page = await newPage(browser);
  const { problems } = await check(page, `${dir}/canary.html`, dir);
  await page.context().close();
  rmSync(dir, { recursive: true, force: true });
  const want = ['color-contrast', 'image-alt', 'html-has-lang'];
  const missing = want.filter((id) => !problems.some((p) => p.includes(`: ${id} (`)));
  if (missing.length) {
    console.error(`a11y: axe set-up is broken: the canary page passed ${missing.join(', ')}`);
    await browser.close();
    process.exit(2);
  }
}

let passed = 0;
let failed = 0;
const queue = [...files];
async function lane() {
  const page = await newPage(browser);
  for (let file = queue.shift(); file; file = queue.shift()) {
    const start = Date.now();
    const { problems, rules } = await check(page, file);
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    if (problems.length) {
      failed++;
      console.log(`FAIL ${basename(file)} (${secs}s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    } else {
      passed++;
      console.log(`PASS ${basename(file)}: no violations of ${rules} axe rules at 390 and ` +
        `1280 px (${secs}s)`);
    }
  }
}
try {
  const lanes = Math.max(1, Math.min(2, availableParallelism()));
  await Promise.all(Array.from({ length: lanes }, lane));
} finally {
  await browser.close();
}
console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
