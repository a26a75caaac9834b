// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, against
// the built site (dist/) served on loopback by scripts/static-server.mjs.
import { chromium } from 'playwright-core';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.SECLAB_DIST || join(ROOT, 'dist');
const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function startServer(root = DIST) {
  const server = await serve(root, 0);
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/// A copy of the built site, to break on purpose.
export async function distCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'seclab-dist-'));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/// A page that records console errors, page errors and CSP violations.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return page;
}

/// Opens `url`, waits until the app has read storage, then writes `entries` into it. Writing
/// earlier races the app's start-up: it could read them before the reload that should.
export async function withStorage(page, url, entries) {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('seclab-mounted').length > 0 && document.querySelector('main h1'));
  await page.evaluate((e) => { for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, entries);
}

/// The instructor's plain answers (never shipped; the tests may read them).
export async function solutions() {
  const text = await readFile(join(ROOT, 'exercises.solutions.toml'), 'utf8');
  const out = {};
  let current = null;
  for (const line of text.split('\n')) {
    const table = line.match(/^\[([^\]]+)\]\s*$/);
    if (table) { current = out[table[1]] = {}; continue; }
    const kv = line.match(/^([\w-]+)\s*=\s*"([^"]*)"/);
    if (kv && current) current[kv[1]] = kv[2];
  }
  return out;
}

export async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Records the longest main-thread task of every document the page loads in `window.__longest`. */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Opens an exercise page and waits for its title. */
export async function openExercise(page, url, id) {
  await page.goto(`${url}/exercise/${id}`);
  await page.waitForSelector('#exercise-title');
  // The worker has built the instance and rendered the texts: nothing is still loading.
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/** Answers a text question; returns its verdict locator. */
export async function answerText(page, qid, text) {
  const form = page.locator(`form.question:has(#q-${qid}-title)`);
  await form.locator('input[type="text"]').fill(text);
  await form.locator('button[type="submit"]').click();
  return form.locator('.verdict');
}

/** Ticks the given choices of a question and submits; returns its verdict locator. */
export async function answerChoices(page, qid, ids) {
  const form = page.locator(`form.question:has(#q-${qid}-title)`);
  for (const id of ids) await form.locator(`#q-${qid}-${id}`).check();
  await form.locator('button[type="submit"]').click();
  return form.locator('.verdict');
}

export { writeFile, readFile, join };
