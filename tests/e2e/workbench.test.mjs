// End-to-end: the crypto workbench in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, newPage, withStorage } from './harness.mjs';

let browser, site;
before(async () => { browser = await launch(); site = await startServer(); });
after(async () => { await browser?.close(); site?.server.close(); });

async function open(page, query) {
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/workbench${query}`);
}

test('the AES tool reproduces NIST SP 800-38A F.2.1 from its defaults, and errors list the valid sizes', async () => {
  const page = await newPage(browser);
  await open(page, '');
  await page.locator('#wb-aes button[type="submit"]').click();
  await page.locator('#wb-aes output').getByText('7649abac8119b246cee98e9b12e9197d').waitFor();
  await page.locator('#wb-aes-key').fill('00112233');
  await page.locator('#wb-aes button[type="submit"]').click();
  await page.locator('#wb-aes .error').getByText('valid sizes: 16, 24 or 32 bytes').waitFor();
  assert.deepEqual(page.problems, []);
});

test('the tool picker switches tools, and an AEAD rejects a tampered header', async () => {
  const page = await newPage(browser);
  await open(page, '');
  await page.selectOption('#tool-picker', 'chacha20-poly1305');
  await page.locator('#wb-chacha20-poly1305 button[type="submit"]').click();
  const sealed = (await page.locator('#wb-chacha20-poly1305 output').nth(2).textContent()).trim();
  assert.match(sealed, /^d31a8d34648e60db7b86afbc53ef7ec2/);
  await page.selectOption('#wb-chacha20-poly1305-operation', 'decrypt');
  await page.locator('#wb-chacha20-poly1305-data').fill(sealed);
  await page.locator('#wb-chacha20-poly1305-aad').fill('50515253c0c1c2c3c4c5c6c8');
  await page.locator('#wb-chacha20-poly1305 button[type="submit"]').click();
  await page.locator('#wb-chacha20-poly1305 .error').getByText('rejected: the tag does not match').waitFor();
});

test('Argon2 runs in the worker (RFC 9106 §5.3 through the form) under the strict CSP', async () => {
  const page = await newPage(browser);
  const q = new URLSearchParams({ tool: 'argon2', encoding: 'hex', password: '01'.repeat(32), salt: '02'.repeat(16), secret: '0303030303030303', ad: '040404040404040404040404', memory: '32', iterations: '3', parallelism: '4', length: '32' });
  await open(page, `?${q}`);
  await page.locator('#wb-argon2 button[type="submit"]').click();
  await page.locator('#wb-argon2 output').getByText('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659').waitFor({ timeout: 20000 });
  assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('seclab-worker'))), 'the worker wasm was fetched');
  assert.deepEqual(page.problems, []);
});

test('an exercise opens the workbench pre-filled with the learner\'s instance', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await page.goto(`${site.url}/exercise/aes-cbc`);
  await page.locator('form.tool button[type="submit"]').first().click();
  const fromLab = (await page.locator('form.tool output').first().textContent()).replace(/\s+/g, '');
  const key = await page.locator('form.tool input').nth(0).inputValue();
  await page.getByRole('link', { name: 'Open in the workbench with my values' }).click();
  await page.waitForSelector('#wb-aes');
  assert.equal(await page.locator('#wb-aes-key').inputValue(), key);
  await page.locator('#wb-aes button[type="submit"]').click();
  const fromWorkbench = (await page.locator('#wb-aes output').first().textContent()).replace(/\s+/g, '');
  assert.equal(fromWorkbench, fromLab);
});
