// End-to-end: every exercise with a lab, opened from its track as a learner would (in-app
// navigation, after the first load), gets its instance from the worker, draws its tools, runs
// the first one in the worker, and never holds the main thread for 50 ms or more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, startServer, newPage, withStorage, watchLongTasks, DIST } from './harness.mjs';

let browser, site;

before(async () => {
  browser = await launch();
  site = await startServer();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

/** Tracks and the ids of their exercises that have a [lab], from the shipped pack. */
async function labExercises() {
  const catalog = await readFile(join(DIST, 'exercises', 'catalog.toml'), 'utf8');
  const out = [];
  for (const block of catalog.split('[[tracks]]').slice(1)) {
    const track = block.match(/^id = "([^"]+)"/m)[1];
    for (const [, path] of block.matchAll(/"([^"]+\.toml)"/g)) {
      const text = await readFile(join(DIST, 'exercises', path), 'utf8');
      if (/^\[lab\]/m.test(text)) out.push({ track, id: text.match(/^id = "([^"]+)"/m)[1] });
    }
  }
  return out;
}

test('every lab exercise opens, runs a tool in the worker, and no main-thread task reaches 50 ms', async () => {
  const exercises = await labExercises();
  assert.ok(exercises.length >= 20, `${exercises.length} lab exercises`);
  const page = await newPage(browser);
  await watchLongTasks(page);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  const slow = [];
  for (const { track, id } of exercises) {
    await page.goto(`${site.url}/track/${track}`);
    await page.waitForSelector(`main a[href="/exercise/${id}"]`);
    // Let the worker finish loading (it starts once the track list is drawn).
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.__longest = 0; });
    await page.click(`main a[href="/exercise/${id}"]`);
    await page.waitForSelector('#lab-title');
    const form = page.locator('section.lab form.tool').first();
    if (await form.count()) {
      await form.locator('button[type="submit"]').click();
      await form.locator('.tool-result output, .tool-result .error').first().waitFor({ timeout: 20000 });
    } else {
      await page.locator('section.lab canvas, section.lab .kex, section.lab .fleet').first().waitFor();
    }
    await page.waitForTimeout(100);
    const longest = await page.evaluate(() => window.__longest);
    if (longest >= 50) slow.push(`${id}: ${longest.toFixed(0)} ms`);
  }
  assert.deepEqual(slow, [], 'main-thread tasks of 50 ms or more while opening an exercise and running a tool');
  assert.deepEqual(page.problems, []);
});
