// Prints the first-load cost of the built site (dist/) and its timings in headless Chromium:
//   - compressed size (gzip -9 and brotli) of the wasm, js and css the first load fetches;
//   - time from navigation to the rendered track list (median of N fresh loads);
//   - the longest main-thread task during that load;
//   - the time to grade one answer through the page (submit to verdict), median of N;
//   - RSA-2048 key generation in our worker beside WebCrypto's, and the longest task meanwhile.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, extname } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import { breakdown } from './wasm-crates.mjs';

const DIST = process.env.SECLAB_DIST || 'dist';
const RUNS = Number(process.env.RUNS || 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// The worker's files are fetched on demand, not on first load: counted apart.
const sizes = { raw: 0, gzip: 0, brotli: 0 };
const worker = { raw: 0, gzip: 0, brotli: 0 };
const rows = [];
for (const name of await readdir(DIST)) {
  if (!['.wasm', '.js', '.css'].includes(extname(name))) continue;
  const body = await readFile(join(DIST, name));
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const bucket = name.startsWith('seclab-worker') ? worker : sizes;
  bucket.raw += body.length; bucket.gzip += gz; bucket.brotli += br;
  rows.push([name, kb(body.length), kb(gz), kb(br)]);
}

const server = await serve(DIST, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });

// A fresh English page that records its longest main-thread task in window.__longest.
async function watchedPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    localStorage.setItem('seclab.lang', 'en');
    // When the track list is first on screen, seen from inside the page (no driver round trip).
    new MutationObserver((_, obs) => {
      if (document.querySelector('.cards li')) { window.__tracksAt = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  return { context, page };
}

const loads = [], longest = [], grades = [], argon = [], argonLongest = [], replay = [], replayLongest = [];
for (let i = 0; i < RUNS; i++) {
  const { context, page } = await watchedPage();
  await page.goto(base + '/');
  await page.waitForSelector('.cards li');
  loads.push(await page.evaluate(() => window.__tracksAt));
  longest.push(await page.evaluate(() => window.__longest));

  await page.goto(base + '/exercise/aes-kat');
  await page.waitForSelector('#q-q1-input');
  grades.push(await page.evaluate(() => new Promise((done) => {
    const form = document.querySelector('#q-q1-input').closest('form');
    const input = document.querySelector('#q-q1-input');
    input.value = '00112233445566778899aabbccddeeff';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const status = form.querySelector('.verdict');
    const start = performance.now();
    new MutationObserver((_, obs) => { obs.disconnect(); done(performance.now() - start); })
      .observe(status, { childList: true, subtree: true, characterData: true });
    form.querySelector('button[type="submit"]').click();
  })));

  // Argon2id with the workbench's defaults (19 MiB, 2 passes) in the worker; the page's longest
  // task meanwhile tells whether the page stayed responsive.
  await page.goto(base + '/workbench?tool=argon2');
  await page.waitForSelector('#wb-argon2 button[type="submit"]');
  await page.evaluate(() => { window.__longest = 0; });
  const t0 = Date.now();
  await page.click('#wb-argon2 button[type="submit"]');
  await page.waitForSelector('#wb-argon2 output', { timeout: 60000 });
  argon.push(Date.now() - t0);
  argonLongest.push(await page.evaluate(() => window.__longest));

  // The padding-oracle replay, in slices on the page. The bench marks the exercise solved in
  // storage (the replay only shows once it is), then times the full attack.
  await page.evaluate(() => {
    const q = (at) => ({ attempts: 1, correct: true, answer: 'bench', answered_at: at });
    const p = JSON.parse(localStorage.getItem('seclab.progress') || 'null') || { kind: 'seclab-progress', version: 1, seed: '00'.repeat(32), created_at: 1, exercises: {} };
    p.exercises['seclab-core/padding-oracle'] = { questions: { q1: q(1), q2: q(1), q3: q(1) }, hints_revealed: 0, started_at: 1, updated_at: 1, solved_at: 1, score: 45, queries: 0 };
    localStorage.setItem('seclab.progress', JSON.stringify(p));
  });
  await page.goto(base + '/exercise/padding-oracle');
  const replayForm = 'form.tool:has(#tool-replay-title)';
  await page.waitForSelector(`${replayForm} button[type="submit"]`);
  await page.evaluate(() => { window.__longest = 0; });
  const r0 = Date.now();
  await page.click(`${replayForm} button[type="submit"]`);
  await page.waitForSelector(`${replayForm} .tool-result output`, { timeout: 120000 });
  replay.push(Date.now() - r0);
  replayLongest.push(await page.evaluate(() => window.__longest));
  await context.close();
}

// RSA-2048 key generation: ours in the worker (prime search in steps, with progress) beside
// WebCrypto's native generateKey, from the same page; and the longest main-thread task during
// ours (goal: none above 50 ms). Then the longest task when the Håstad exercise builds its
// instance (three 512-bit moduli from the learner's seed) on the page.
const ours = [], oursLongest = [], webcrypto = [], hastadLongest = [], textbookLongest = [];
{
  const { context, page } = await watchedPage();
  await page.goto(base + '/workbench?tool=rsa-keygen');
  await page.waitForSelector('#wb-rsa-keygen button[type="submit"]');
  await page.selectOption('#wb-rsa-keygen-bits', '2048');
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => { window.__longest = 0; });
    const t0 = Date.now();
    await page.click('#wb-rsa-keygen button[type="submit"]');
    await page.waitForSelector('#wb-rsa-keygen output', { timeout: 300000 });
    ours.push(Date.now() - t0);
    oursLongest.push(await page.evaluate(() => window.__longest));
  }
  for (let i = 0; i < RUNS; i++) {
    webcrypto.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
      return performance.now() - t0;
    }));
  }
  for (const [id, into] of [['rsa-hastad', hastadLongest], ['rsa-textbook', textbookLongest]]) {
    for (let i = 0; i < RUNS; i++) {
      // A fresh learner seed each time, so that the instance is built, not cached; the exercise
      // is opened from its track page (an in-app navigation, no wasm start-up in the figure).
      await page.evaluate(() => localStorage.removeItem('seclab.progress'));
      await page.goto(base + '/track/public-key');
      await page.waitForSelector(`a[href="/exercise/${id}"]`);
      await page.waitForTimeout(200);
      await page.evaluate(() => { window.__longest = 0; });
      await page.click(`a[href="/exercise/${id}"]`);
      await page.waitForSelector('#tool-calc-title');
      await page.waitForTimeout(100);
      into.push(await page.evaluate(() => window.__longest));
    }
  }
  await context.close();
}
// PROT-04: the BLE passkey search over the whole 6-digit space (10^6 c1 computations, two AES
// each) in the worker, with progress; Mconfirm is replaced by a value no passkey gives, so the
// search never stops early. The page's longest task meanwhile says whether it stayed responsive.
const passkey = [], passkeyLongest = [];
{
  const { context, page } = await watchedPage();
  await page.goto(base + '/exercise/ble-pairing');
  const form = 'form.tool:has(#tool-passkey-search-title)';
  await page.waitForSelector(`${form} button[type="submit"]`);
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.fill('#tool-passkey-search-mconfirm', '00'.repeat(16));
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => { window.__longest = 0; });
    const t0 = Date.now();
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form} .tool-result output`, { timeout: 300000 });
    passkey.push(Date.now() - t0);
    passkeyLongest.push(await page.evaluate(() => window.__longest));
  }
  await context.close();
}

// Opening each exercise from its track page (in-app navigation, after the first load): the
// engines build the learner's instance on the main thread, so the slowest one shows here.
const opening = [];
{
  const { context, page } = await watchedPage();
  const catalog = await readFile(join(DIST, 'exercises', 'catalog.toml'), 'utf8');
  const tracks = [...catalog.matchAll(/^id = "([^"]+)"/gm)].map((m) => m[1]).filter((id) => id !== 'seclab-core');
  for (const track of tracks) {
    await page.goto(`${base}/track/${track}`);
    await page.waitForSelector('main a[href^="/exercise/"]');
    const hrefs = await page.$$eval('main a[href^="/exercise/"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      await page.waitForTimeout(100);
      await page.evaluate(() => { window.__longest = 0; });
      const t0 = Date.now();
      await page.click(`main a[href="${href}"]`);
      await page.waitForSelector('#exercise-title');
      await page.waitForFunction(() => !document.querySelector('.loading'));
      await page.waitForTimeout(150);
      opening.push({ href, ms: Date.now() - t0, longest: await page.evaluate(() => window.__longest) });
      await page.goBack();
      await page.waitForSelector('main a[href^="/exercise/"]');
    }
  }
  await context.close();
}
opening.sort((a, b) => b.longest - a.longest);
await browser.close();
server.close();

const table = [
  ['what', 'figure'],
  ['first-load size (wasm+js+css), raw', kb(sizes.raw)],
  ['first-load size, gzip -9', kb(sizes.gzip)],
  ['first-load size, brotli 11', kb(sizes.brotli)],
  [`navigation to rendered track list, median of ${RUNS}`, `${median(loads).toFixed(0)} ms (min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)})`],
  ['longest main-thread task during the load (longtask ≥ 50 ms; 0 = none)', `${Math.max(...longest).toFixed(0)} ms`],
  [`grade one answer (submit to verdict), median of ${RUNS}`, `${median(grades).toFixed(1)} ms`],
  ['worker (on demand), gzip -9', kb(worker.gzip)],
  [`Argon2id 19 MiB t=2 in the worker, click to result (1st run includes worker start), median of ${RUNS}`, `${median(argon).toFixed(0)} ms (first ${argon[0]} ms)`],
  ['longest main-thread task during the Argon2 run', `${Math.max(...argonLongest).toFixed(0)} ms`],
  [`padding-oracle replay (full attack, a job in the worker with progress), median of ${RUNS}`, `${median(replay).toFixed(0)} ms`],
  ['longest main-thread task during the replay', `${Math.max(...replayLongest).toFixed(0)} ms`],
  [`RSA-2048 key generation in our worker (click to key, steps with progress), median of ${RUNS}`, `${median(ours).toFixed(0)} ms (min ${Math.min(...ours)}, max ${Math.max(...ours)})`],
  [`RSA-OAEP 2048 WebCrypto crypto.subtle.generateKey, same page, median of ${RUNS}`, `${median(webcrypto).toFixed(0)} ms (min ${Math.min(...webcrypto).toFixed(0)}, max ${Math.max(...webcrypto).toFixed(0)})`],
  ['longest main-thread task during our RSA-2048 key generations', `${Math.max(...oursLongest).toFixed(0)} ms`],
  [`longest main-thread task opening the Håstad exercise (six 256-bit primes, built in the worker), median / max of ${RUNS}`, `${median(hastadLongest).toFixed(0)} / ${Math.max(...hastadLongest).toFixed(0)} ms`],
  [`same, opening PK-01 textbook RSA (two 64-bit primes), median / max of ${RUNS}`, `${median(textbookLongest).toFixed(0)} / ${Math.max(...textbookLongest).toFixed(0)} ms`],
  [`BLE passkey search, full 10^6 space (2×10^6 AES) in the worker with progress, median of ${RUNS}`, `${median(passkey).toFixed(0)} ms (min ${Math.min(...passkey)}, max ${Math.max(...passkey)})`],
  ['longest main-thread task during the passkey searches', `${Math.max(...passkeyLongest).toFixed(0)} ms`],
  [`opening each of the ${opening.length} exercises from its track, slowest (click to rendered)`, `${Math.max(...opening.map((o) => o.ms))} ms`],
  ['longest main-thread task while opening an exercise, worst three routes', opening.slice(0, 3).map((o) => `${o.longest.toFixed(0)} ms (${o.href})`).join(', ')],
];
const width = Math.max(...table.map((r) => r[0].length));
console.log('\nSecLab benchmark (' + new Date().toISOString().slice(0, 10) + ')\n');
for (const [a, b] of table) console.log(`| ${a.padEnd(width)} | ${b} |`);
const page = await breakdown(process.env.SECLAB_PAGE_WASM || 'target/wasm32-unknown-unknown/release/seclab-app.wasm').catch(() => null);
if (page) {
  console.log(`\nthe page's wasm by crate (code before wasm-bindgen and wasm-opt: ${kb(page.total)}; data ${kb(page.data)}):`);
  for (const [crate, n] of page.crates.slice(0, 20)) console.log(`  ${crate.padEnd(28)} ${kb(n).padStart(9)}  ${(100 * n / page.total).toFixed(1).padStart(5)} %`);
}
console.log('\nfiles:');
for (const r of rows) console.log(`  ${r[0]}: ${r[1]} raw, ${r[2]} gzip, ${r[3]} brotli`);
