// The built site as shipped: no instructor answers, a strict CSP, no inline script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, ROOT, solutions } from './harness.mjs';

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

test('the built site ships no sidecar and no hashed answer in clear', async () => {
  const files = await walk(DIST);
  assert.deepEqual(files.filter((f) => /solutions/i.test(f)), []);
  const texts = await Promise.all(files.filter((f) => f.endsWith('.toml')).map(async (f) => [f, (await readFile(f, 'utf8')).toLowerCase()]));
  assert.ok(texts.length >= 10, 'the exercises are shipped');
  const answers = await solutions();
  let checked = 0;
  for (const [exercise, qs] of Object.entries(answers)) {
    for (const [q, answer] of Object.entries(qs)) {
      if (answer.length < 3 || /^[a-z](,[a-z])*$/.test(answer)) continue; // choice ids: letters
      checked++;
      for (const [f, text] of texts) assert.ok(!text.includes(answer.toLowerCase()), `${exercise}/${q} appears in clear in ${f}`);
    }
  }
  assert.ok(checked >= 10, `${checked} answers checked`);
});

test('index.html has a strict CSP and no inline script', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'every script is a file');
    assert.equal(body.trim(), '');
  }
});

// The page's wasm (read before wasm-opt strips its names) links no engine crate: every engine and
// workbench tool runs in the worker.
test('the page links no engine crate', async () => {
  const { breakdown } = await import('../../scripts/wasm-crates.mjs');
  const page = await breakdown(join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'wasm32-unknown-unknown', 'release', 'seclab-app.wasm'));
  assert.ok(page.named, 'the page wasm keeps its name section before wasm-opt');
  const crates = page.crates.map(([c]) => c);
  assert.ok(crates.includes('leptos') || crates.includes('tachys'), `the breakdown reads crates: ${crates.slice(0, 10)}`);
  const engineCrates = ['aes', 'aes_gcm', 'cbc', 'ctr', 'chacha20', 'chacha20poly1305', 'poly1305', 'ghash', 'x25519_dalek', 'ed25519_dalek', 'curve25519_dalek', 'p256', 'ecdsa', 'primeorder', 'rsa', 'num_bigint', 'crypto_bigint', 'crypto_primes', 'argon2', 'pbkdf2', 'blake2', 'pulldown_cmark'];
  assert.deepEqual(crates.filter((c) => engineCrates.includes(c)), []);
});
