// End-to-end: RSA in the workbench (key generation in the worker, with progress) and the
// public-key exercises solved through the page, in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, newPage, withStorage, solutions, watchLongTasks, answerText, answerChoices } from './harness.mjs';

let browser, site, answers;
before(async () => { browser = await launch(); site = await startServer(); answers = await solutions(); });
after(async () => { await browser?.close(); site?.server.close(); });

/// Runs the exercise's calculator on the page and returns its output lines.
async function calc(page, op, x, y, m) {
  await page.selectOption('#tool-calc-op', op);
  await page.locator('#tool-calc-x').fill(x);
  await page.locator('#tool-calc-y').fill(y);
  await page.locator('#tool-calc-m').fill(m);
  const form = page.locator('form:has(#tool-calc-title)');
  const before = await form.locator('.tool-result').textContent();
  await form.locator('button[type="submit"]').click();
  // The worker answers: the result area is busy, then holds this run's outputs.
  await page.waitForFunction((b) => {
    const r = document.querySelector('form:has(#tool-calc-title) .tool-result');
    return r.getAttribute('aria-busy') === 'false' && r.querySelector('output, .error') && r.textContent !== b;
  }, before);
  return (await form.locator('output').allTextContents()).map((t) => t.trim());
}

test('a 1024-bit RSA key is generated in the worker with progress shown and no long task, then used in OAEP', async () => {
  const page = await newPage(browser);
  await watchLongTasks(page);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/workbench?tool=rsa-keygen`);
  await page.waitForSelector('#wb-rsa-keygen button[type="submit"]');
  assert.equal(await page.locator('#wb-rsa-keygen-bits').inputValue(), '1024');
  // Record every progress state the page shows (the search may be quick).
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const note = document.querySelector('#wb-rsa-keygen .job-note');
      const bar = document.querySelector('#wb-rsa-keygen progress.job-bar');
      const tested = note && note.textContent.match(/^(\d+) candidates tested/);
      if (tested && bar) window.__progress.push([Number(tested[1]), Number(bar.value)]);
    }).observe(document.querySelector('#wb-rsa-keygen'), { childList: true, subtree: true, characterData: true });
    window.__longest = 0;
  });
  await page.locator('#wb-rsa-keygen button[type="submit"]').click();
  await page.locator('#wb-rsa-keygen output').first().waitFor({ timeout: 60000 });
  const progress = await page.evaluate(() => window.__progress);
  // At least the state after the first prime (two lucky steps can find both primes).
  assert.ok(progress.length >= 1, `progress shown: ${JSON.stringify(progress)}`);
  assert.ok(progress.some(([tested]) => tested > 0), 'candidates counted');
  const outputs = (await page.locator('#wb-rsa-keygen output').allTextContents()).map((t) => t.trim());
  assert.match(outputs[0], /^[0-9a-f]{256}$/, 'n is 1024 bits');
  assert.equal(outputs[1], '1024 bits');
  assert.equal(outputs[2], '010001');
  await page.locator('#wb-rsa-keygen').getByText(/Took: \d+ ms/).waitFor();
  const longest = await page.evaluate(() => window.__longest);
  assert.ok(longest < 50, `longest main-thread task ${longest} ms`);
  // The key goes on to RSA-OAEP: encrypt, then decrypt what came out.
  await page.locator('#wb-rsa-keygen .key-links').getByRole('link', { name: 'RSA-OAEP' }).click();
  await page.waitForSelector('#wb-rsa-oaep');
  assert.equal(await page.locator('#wb-rsa-oaep-n').inputValue(), outputs[0]);
  await page.locator('#wb-rsa-oaep button[type="submit"]').click();
  const ct = (await page.locator('#wb-rsa-oaep output').first().textContent({ timeout: 20000 })).trim();
  assert.match(ct, /^[0-9a-f]{256}$/);
  await page.selectOption('#wb-rsa-oaep-operation', 'decrypt');
  await page.selectOption('#wb-rsa-oaep-encoding', 'hex');
  await page.locator('#wb-rsa-oaep-data').fill(ct);
  await page.locator('#wb-rsa-oaep button[type="submit"]').click();
  await page.locator('#wb-rsa-oaep output').getByText('hello', { exact: true }).waitFor({ timeout: 20000 });
  assert.deepEqual(page.problems, []);
});

test('the big-integer calculator reproduces the Wikipedia RSA example and names a missing inverse', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/workbench?tool=bigint`);
  await page.locator('#wb-bigint button[type="submit"]').click();
  await page.locator('#wb-bigint output').getByText('2753', { exact: true }).waitFor();
  await page.locator('#wb-bigint-x').fill('14');
  await page.locator('#wb-bigint-m').fill('21');
  await page.locator('#wb-bigint button[type="submit"]').click();
  await page.locator('#wb-bigint .error').getByText('no inverse: gcd(a, n) = 7').waitFor();
  assert.deepEqual(page.problems, []);
});

test('PK-01: a learner solves textbook RSA through the page, with the lab calculator', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/exercise/rsa-textbook`);
  await page.waitForSelector('#tool-calc-title');
  await page.waitForFunction(() => !document.querySelector('.loading'));
  const text = await page.locator('main').innerText();
  const grab = (re) => BigInt(text.match(re)[1]);
  const [p, q, e, m, c2] = [/\bp = (\d+)/, /\bq = (\d+)/, /\be = (\d+)/, /\bm = (\d+)/, /\bc2 = (\d+)/].map(grab);
  const n = p * q;
  const phiDecimal = (await calc(page, 'mul', String(p - 1n), String(q - 1n), ''))[0];
  assert.equal(BigInt(phiDecimal), (p - 1n) * (q - 1n));
  const d = (await calc(page, 'modinv', String(e), '', phiDecimal))[0];
  const c = (await calc(page, 'modpow', String(m), String(e), String(n)))[0];
  const m2 = (await calc(page, 'modpow', String(c2), d, String(n)))[0];
  const dp = BigInt(d) % (p - 1n), dq = BigInt(d) % (q - 1n);
  const qinv = (await calc(page, 'modinv', String(q), '', String(p)))[0];
  for (const [qid, value] of [['q1', d], ['q2', c], ['q3', m2], ['q4', String(dp)], ['q5', String(dq)], ['q6', qinv]]) {
    await (await answerText(page, qid, value)).getByText('Correct!').waitFor();
  }
  await (await answerChoices(page, 'q7', answers['rsa-textbook'].q7.split(','))).getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('Håstad: CRT, cube root and text through the page recover the broadcast and the PIN', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/exercise/rsa-hastad`);
  await page.waitForSelector('#tool-calc-title');
  const form = page.locator('form:has(#tool-calc-title)');
  // The calculator starts with the ciphertexts and moduli, and CRT as its first operation.
  assert.match(await page.locator('#tool-calc-x').inputValue(), /^0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+$/);
  await form.locator('button[type="submit"]').click();
  await form.locator('output').first().waitFor();
  const cube = (await form.locator('output').first().textContent()).trim();
  const [root, , exact] = await calc(page, 'root', cube, '3', '');
  assert.equal(exact, 'exact root');
  const message = (await calc(page, 'text', root, '', ''))[1];
  assert.match(message, /^FWKEY v2\.4 to all gateways: [0-9a-f]{16}$/);
  await (await answerText(page, 'q1', message)).getByText('Correct!').waitFor();
  const c0 = (await page.locator('main').innerText()).match(/c0 = (0x[0-9a-f]+)/)[1];
  const [pinRoot] = await calc(page, 'root', c0, '3', '');
  const pin = (await calc(page, 'text', pinRoot, '', ''))[1];
  assert.match(pin, /^PIN \d{4}$/);
  await (await answerText(page, 'q2', pin)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q3', answers['rsa-hastad'].q3.split(','))).getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();
  // The time to build the instance on the page is measured by scripts/bench.mjs, not here.
  assert.deepEqual(page.problems, []);
});
