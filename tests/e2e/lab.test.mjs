// End-to-end: a learner's path through the built lab in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, newPage, solutions, axe, distCopy, writeFile, join, withStorage, openExercise as openExerciseAt, answerText, answerChoices } from './harness.mjs';

let browser, site, answers;

before(async () => {
  browser = await launch();
  site = await startServer();
  answers = await solutions();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

function openExercise(page, id) {
  return openExerciseAt(page, site.url, id);
}

test('a learner solves an exercise with the lab, reloads, and finds it solved', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'aes-kat');

  // A wrong answer says so, without the answer.
  const wrong = await answerText(page, 'q1', '00112233445566778899aabbccddeeff');
  await assert.doesNotReject(wrong.getByText('That is not the right answer').waitFor());

  // The published vector.
  const v1 = await answerText(page, 'q1', answers['aes-kat'].q1);
  await v1.getByText('Correct!').waitFor();

  // The learner's own instance, computed with the embedded tool, pre-filled with their values.
  await page.locator('#tool-encrypt button[type="submit"], form.tool button[type="submit"]').first().click();
  const output = (await page.locator('.tool-result output').first().textContent()).replace(/\s+/g, '');
  assert.match(output, /^[0-9a-f]{64}$/);
  assert.equal(output.slice(0, 32), output.slice(32), 'ECB shows the repeated block');
  const v2 = await answerText(page, 'q2', output);
  await v2.getByText('Correct!').waitFor();

  const v3 = await answerChoices(page, 'q3', answers['aes-kat'].q3.split(','));
  await v3.getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();
  await page.locator('.markdown.solution').waitFor();

  await page.reload();
  await page.waitForSelector('#exercise-title');
  await page.getByText('Exercise solved!').waitFor();
  assert.equal(await page.locator('#q-q2-input').inputValue(), output, 'the answer is still there');
  assert.ok(await page.locator('#q-q2-input').isDisabled());
  await page.locator('.markdown.solution').waitFor();

  // "Continue where I was" leads back.
  await page.goto(site.url);
  await page.getByRole('link', { name: /Continue where I was/ }).click();
  await page.waitForSelector('#exercise-title');
  assert.match(page.url(), /\/exercise\/aes-kat$/);
  assert.deepEqual(page.problems, []);
});

test('hints are revealed one at a time and cost points', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'x25519-session');
  const score = page.locator('.score');
  await score.getByText(/Score: 0\//).waitFor();
  await page.getByRole('button', { name: /Reveal the next hint/ }).click();
  assert.equal(await page.locator('ol.hints li').count(), 1);
  // A right lab answer, then the score is its points minus the hint's cost.
  await page.locator('form.tool').nth(0).locator('button[type="submit"]').click();
  const publicKey = (await page.locator('form.tool').nth(0).locator('output').textContent()).trim();
  const form = page.locator('form.question').first();
  await form.locator('input[type="text"]').fill(publicKey);
  await form.locator('button[type="submit"]').click();
  await form.getByText('Correct!').waitFor();
  const text = await score.textContent();
  const [, got] = text.match(/Score: (\d+)\//);
  assert.ok(Number(got) > 0, text);
  await page.reload();
  await page.waitForSelector('#exercise-title');
  assert.equal(await page.locator('ol.hints li').count(), 1, 'revealed hints stay revealed');
  assert.equal(await score.textContent(), text);
});

test('the language switches at any time and is remembered', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'fr' });
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Parcours' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Tracks' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await openExercise(page, 'aes-cbc');
  await page.getByRole('heading', { name: 'Statement' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Statement' }).waitFor();
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await page.getByRole('heading', { name: 'Énoncé' }).waitFor();
});

test('importing a bad file is refused with a message and loses nothing; a good export round-trips', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'obsolescence-watch');
  const first = Object.entries(answers['obsolescence-watch'])[0];
  (await answerText(page, first[0], first[1]));
  await page.locator(`form.question:has(#q-${first[0]}-title)`).getByText('Correct!').waitFor();
  const before = await page.evaluate(() => localStorage.getItem('seclab.progress'));

  await page.goto(`${site.url}/progress`);
  await page.locator('table.summary').waitFor();
  for (const [name, body] of [['notes.json', '{"hello": "world"}'], ['broken.json', '{ not json'], ['future.json', before.replace('"version": 1', '"version": 99')]]) {
    await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await page.locator('.import-message').getByText('Import refused, nothing was changed').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('seclab.progress')), before);
  }
  await page.locator('.import-message').getByText('newer SecLab').waitFor();

  // Export, then import into a fresh browser: the progress comes back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export (JSON)' }).click();
  const file = await (await download).path();
  const fresh = await newPage(browser);
  await fresh.goto(`${site.url}/progress`);
  await fresh.locator('table.summary').waitFor();
  await fresh.evaluate(() => localStorage.setItem('seclab.lang', 'en'));
  await fresh.reload();
  await fresh.locator('table.summary').waitFor();
  await fresh.setInputFiles('#import-file', file);
  await fresh.locator('.import-message').getByText('Import done').waitFor();
  await fresh.goto(`${site.url}/exercise/obsolescence-watch`);
  await fresh.locator(`form.question:has(#q-${first[0]}-title)`).getByText('Correct!').waitFor();
});

test('unreadable stored progress is kept aside and offered for download', async () => {
  const page = await newPage(browser);
  await page.goto(site.url);
  // Wait for the app to have read storage, or it may read the garbage before the reload.
  await page.locator('.cards li').first().waitFor();
  await page.evaluate(() => { localStorage.setItem('seclab.lang', 'en'); localStorage.setItem('seclab.progress', '{"kind":"seclab-progress", garbage'); });
  await page.reload();
  await page.getByText('Your saved progress could not be read').waitFor();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('seclab.progress.unreadable.')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, ['{"kind":"seclab-progress", garbage']);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the progress kept aside' }).click();
  assert.match((await download).suggestedFilename(), /unreadable/);
});

test('two open tabs do not overwrite each other', async () => {
  const context = await browser.newContext();
  const a = await context.newPage();
  const b = await context.newPage();
  await withStorage(a, site.url, { 'seclab.lang': 'en' });
  for (const p of [a, b]) { await p.goto(`${site.url}/exercise/security-matrix`); await p.waitForSelector('#exercise-title'); }
  const [q1, q2] = Object.entries(answers['security-matrix']);
  await (await answerChoices(a, q1[0], q1[1].split(','))).getByText('Correct!').waitFor();
  await (await answerChoices(b, q2[0], q2[1].split(','))).getByText('Correct!').waitFor();
  const stored = JSON.parse(await a.evaluate(() => localStorage.getItem('seclab.progress')));
  const qs = stored.exercises['seclab-core/security-matrix'].questions;
  assert.ok(qs[q1[0]]?.correct && qs[q2[0]]?.correct, JSON.stringify(qs));
  await context.close();
});

test('a broken exercise file gives a banner naming it, and the other exercises still work', async () => {
  const dir = await distCopy();
  await writeFile(join(dir, 'exercises', 'symmetric', 'aes-cbc.toml'), 'format = 1\nid = "aes-cbc"\ndifficulty = = 2\n');
  const broken = await startServer(dir);
  try {
    const page = await newPage(browser);
    await withStorage(page, broken.url, { 'seclab.lang': 'en' });
    await page.reload();
    const banner = page.getByRole('alert');
    await banner.locator('code', { hasText: 'exercises/symmetric/aes-cbc.toml' }).waitFor();
    await banner.locator('summary').click();
    await banner.getByText('exercises/symmetric/aes-cbc.toml:3:14: error:').waitFor();
    await page.goto(`${broken.url}/exercise/aes-kat`);
    await page.waitForSelector('#exercise-title');
    const v = await answerText(page, 'q1', answers['aes-kat'].q1);
    await v.getByText('Correct!').waitFor();
    await page.goto(`${broken.url}/exercise/aes-cbc`);
    await page.getByText('This exercise is not in the catalogue.').waitFor();
  } finally {
    broken.server.close();
  }
});

test('a site whose worker cannot load says so instead of waiting forever, and grading without the lab still works', async () => {
  const dir = await distCopy();
  const { rm } = await import('node:fs/promises');
  await rm(join(dir, 'seclab-worker_bg.wasm'));
  const broken = await startServer(dir);
  try {
    const page = await newPage(browser);
    await withStorage(page, broken.url, { 'seclab.lang': 'en' });
    await page.goto(`${broken.url}/exercise/aes-kat`);
    await page.waitForSelector('#exercise-title');
    // The instance and the statement come from the worker: after its time-out, a message.
    await page.locator('[role="alert"]').getByText("the lab's worker does not answer").first().waitFor({ timeout: 40000 });
    await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 5000 });
    // A hashed answer is graded by the page itself.
    await (await answerText(page, 'q1', answers['aes-kat'].q1)).getByText('Correct!').waitFor();
  } finally {
    broken.server.close();
  }
});

test('a new exercise dropped into the served pack shows up without recompiling', async () => {
  const dir = await distCopy();
  const catalog = join(dir, 'exercises', 'catalog.toml');
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(catalog, 'utf8');
  await writeFile(catalog, text.replace('"symmetric/aes-kat.toml"', '"symmetric/aes-kat.toml", "symmetric/dropped-in.toml"'));
  await writeFile(join(dir, 'exercises', 'symmetric', 'dropped-in.toml'), `format = 1
id = "dropped-in"
competencies = ["C14"]
[title]
fr = "Exercice ajouté"
en = "Dropped-in exercise"
[statement]
fr = "Combien font 6 × 7 ?"
en = "What is 6 × 7?"
[[questions]]
id = "q1"
prompt = { fr = "Réponse", en = "Answer" }
grading = "numeric"
value = 42
[solution]
fr = "42."
en = "42."
`);
  const served = await startServer(dir);
  try {
    const page = await newPage(browser);
    await withStorage(page, `${served.url}/track/symmetric`, { 'seclab.lang': 'en' });
    await page.reload();
    await page.getByRole('link', { name: 'Dropped-in exercise' }).click();
    const v = await answerText(page, 'q1', '42');
    await v.getByText('Correct!').waitFor();
  } finally {
    served.server.close();
  }
});

test('axe-core finds no violation on any route, in each theme and language', async () => {
  // axe is injected as a script, which our own CSP rightly blocks: bypass it for this test only.
  const page = await newPage(browser, { bypassCSP: true });
  const routes = ['/', '/track/symmetric', '/exercise/aes-kat', '/exercise/x25519-session', '/exercise/security-matrix', '/exercise/padding-oracle', '/exercise/ecb-picture', '/exercise/length-extension', '/exercise/cbc-bitflip', '/exercise/key-hierarchy', '/track/aead', '/exercise/aead-kat', '/exercise/gcm-nonce-reuse', '/exercise/default-password', '/track/public-key', '/exercise/manifest-signatures', '/exercise/ecdsa-nonce-reuse', '/progress', '/settings', '/workbench', '/workbench?tool=argon2', '/no-such-page', '/track/key-management', '/exercise/blast-radius', '/exercise/secure-boot', '/exercise/rollback', '/exercise/mitm-ecdh', '/exercise/authenticated-ecdh', '/workbench?tool=ffdh', '/exercise/rsa-textbook', '/exercise/rsa-hastad', '/exercise/rsa-common-modulus', '/workbench?tool=rsa-keygen', '/workbench?tool=bigint', '/track/protocols', '/exercise/mqtt-audit', '/exercise/oscore-replay', '/exercise/lorawan-abp', '/exercise/ble-pairing', '/exercise/ble-lesc'];
  const report = [];
  for (const [lang, theme] of [['fr', 'light'], ['en', 'dark'], ['en', 'contrast']]) {
    await withStorage(page, site.url, { 'seclab.lang': lang, 'seclab.theme': theme });
    for (const route of routes) {
      await page.goto(`${site.url}${route}`);
      await page.waitForSelector('main h1, main p');
      await page.waitForFunction(() => !document.querySelector('.loading'));
      // Open the lab output and a hint so their markup is checked too.
      // (The instance is ready once no .loading is left: click only where the lab has a tool.)
      const tool = page.locator('form.tool button[type="submit"]').first();
      if (route.startsWith('/exercise/') && await tool.count()) {
        await tool.click();
        await page.locator('form.tool .tool-result output, form.tool .tool-result .error').first().waitFor();
      }
      // The sequence diagram with arrows drawn: replace every message (the second control).
      if (route === '/exercise/mitm-ecdh') {
        for (let i = 1; i <= 3; i++) {
          await page.locator('.kex-controls button').nth(1).click();
          await page.locator('.kex-messages li').nth(i - 1).waitFor();
        }
      }
      const violations = await axe(page);
      if (violations.length) report.push({ lang, theme, route, violations });
    }
  }
  assert.deepEqual(report, []);
  assert.deepEqual(page.problems.filter((p) => !p.includes('404')), []);
});

test('a learner solves the padding-oracle exercise by driving the oracle through the page, then replays the attack', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'padding-oracle');
  const scan = page.locator('form.tool:has(#tool-scan-title)');
  const used = page.locator('.budget .queries-used');
  assert.equal(await used.textContent(), '0');
  const blocks = (await page.locator('form.tool:has(#tool-oracle-title) input').nth(1).inputValue()).length / 32;
  let plaintext = '';
  for (let block = 1; block <= blocks; block++) {
    let known = '';
    let tail = '';
    for (let i = 0; i < 16; i++) {
      await scan.locator('#tool-scan-block').fill(String(block));
      await scan.locator('#tool-scan-known').fill(known);
      await scan.locator('button[type="submit"]').click();
      const outputs = scan.locator('.tool-result output');
      await outputs.nth(4).waitFor();
      const next = (await outputs.nth(2).textContent()).trim();
      assert.equal(next.length, 2 * (i + 1), `block ${block}, byte ${i}`);
      known = next;
      tail = (await outputs.nth(4).textContent()).trim();
    }
    plaintext += tail;
  }
  const spent = Number(await used.textContent());
  assert.ok(spent > 16 * blocks && spent <= 10000, `${spent} queries`);
  const psk = plaintext.match(/^psk=([a-z]+-[a-z]+-\d{4})/)[1];
  await (await answerText(page, 'q1', psk)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q2', answers['padding-oracle'].q2.split(','))).getByText('Correct!').waitFor();
  await (await answerText(page, 'q3', '256')).getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();

  // The replay runs the whole attack with a progress bar, and finds the same secret.
  const replay = page.locator('form.tool:has(#tool-replay-title)');
  await replay.getByRole('button', { name: 'Replay the attack' }).click();
  // The worker runs the whole attack as a job (progress, a stop button), then the plaintext.
  const result = replay.locator('.tool-result output').first();
  await result.waitFor({ timeout: 60000 });
  assert.match(await result.textContent(), new RegExp(`psk=${psk}`));
  assert.deepEqual(page.problems, []);
});

test('the ECB picture renders: ECB keeps the icon\'s blocks, CBC scrambles them', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'ecb-picture');
  await page.locator('#picture-cbc').waitFor();
  const counts = await page.evaluate(() => {
    const distinct = (id) => {
      const c = document.getElementById(id);
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const blocks = new Set();
      // The RGB of 4 pixels: the bytes of one AES block (opacity is redrawn opaque).
      for (let i = 0; i < data.length; i += 16) blocks.add(Array.from(data.slice(i, i + 16)).filter((_, k) => k % 4 !== 3).join(','));
      return { blocks: blocks.size, total: data.length / 16 };
    };
    return { clear: distinct('picture-clear'), ecb: distinct('picture-ecb'), cbc: distinct('picture-cbc') };
  });
  assert.equal(counts.ecb.blocks, counts.clear.blocks, JSON.stringify(counts));
  assert.ok(counts.clear.blocks < counts.clear.total / 4, JSON.stringify(counts));
  assert.ok(counts.cbc.blocks > counts.cbc.total * 0.99, JSON.stringify(counts));
  assert.deepEqual(page.problems, []);
});

test('AEAD header binding: a replayed frame passes a gateway that skips the header, and only a fully bound frame grades right', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'aead-kat');
  const tamper = page.locator('form.tool:has(#tool-tamper-title)');
  const gateway = page.locator('form.tool:has(#tool-gateway-title)');
  const seal = page.locator('form.tool:has(#tool-seal-title)');

  // The captured frame is refused as a replay; with its counter rewritten, a gateway that
  // authenticates no header field accepts it.
  await gateway.locator('button[type="submit"]').click();
  await gateway.locator('.tool-result output').first().getByText(/^replayed: counter/).waitFor();
  await tamper.locator('#tool-tamper-field').selectOption('counter');
  await tamper.locator('#tool-tamper-value').fill('4000000000');
  await tamper.locator('button[type="submit"]').click();
  const bumped = (await tamper.locator('.tool-result output').first().textContent()).trim();
  await gateway.locator('#tool-gateway-frame').fill(bumped);
  await gateway.locator('#tool-gateway-aad').selectOption('none');
  await gateway.locator('button[type="submit"]').click();
  await gateway.locator('.tool-result output').first().getByText('ACCEPTED', { exact: true }).waitFor();
  // The production gateway binds the whole header: the same frame fails.
  await gateway.locator('#tool-gateway-aad').selectOption('device+counter+type');
  await gateway.locator('button[type="submit"]').click();
  await gateway.locator('.tool-result output').first().getByText(/^the tag does not match/).waitFor();

  // A frame sealed with part of the header only is wrong; the whole header is right.
  const sealWith = async (aad) => {
    await seal.locator('#tool-seal-aad').selectOption(aad);
    await seal.locator('button[type="submit"]').click();
    await seal.locator('.tool-result output').first().waitFor();
    return (await seal.locator('.tool-result output').first().textContent()).trim();
  };
  const partial = await sealWith('device+counter');
  await (await answerText(page, 'q5', partial)).getByText('That is not the right answer').waitFor();
  const whole = await sealWith('device+counter+type');
  assert.notEqual(whole, partial);
  await (await answerText(page, 'q5', whole)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q6', answers['aead-kat'].q6.split(','))).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('default password: the dictionary attack in the page finds the password, and the workbench opens PBKDF2 with the salt', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'default-password');
  const dictionary = page.locator('form.tool:has(#tool-dictionary-title)');
  await dictionary.locator('button[type="submit"]').click();
  const outputs = dictionary.locator('.tool-result output');
  await outputs.nth(1).waitFor();
  const tried = Number(await outputs.nth(0).textContent());
  const found = (await outputs.nth(1).textContent()).trim();
  assert.ok(tried >= 1 && tried <= 50, `tried ${tried}`);
  assert.doesNotMatch(found, /none in this list/);
  await (await answerText(page, 'q1', 'admin123')).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', found)).getByText('Correct!').waitFor();
  await (await answerText(page, 'q2', '16 667')).getByText('Correct!').waitFor();

  const salt = (await page.locator('main').textContent()).match(/cam-[0-9a-f]{12}/)[0];
  await page.getByRole('link', { name: 'Open in the workbench with my values' }).click();
  await page.waitForURL(/\/workbench\?tool=pbkdf2/);
  assert.equal(await page.locator('#wb-pbkdf2-salt').inputValue(), salt);
  assert.equal(await page.locator('#wb-pbkdf2-iterations').inputValue(), '600000');
  // One guess at the OWASP cost, in the worker: the figure the learner compares.
  await page.locator('#wb-pbkdf2-password').fill(found);
  await page.locator('#wb-pbkdf2 button[type="submit"]').click();
  await page.locator('#wb-pbkdf2 output').first().waitFor({ timeout: 60000 });
  assert.match((await page.locator('#wb-pbkdf2 output').first().textContent()).replace(/\s+/g, ''), /^[0-9a-f]{64}$/);
  assert.deepEqual(page.problems, []);
});

test('ECDSA nonce reuse: the learner derives the meter key with the page tools and it grades right', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'ecdsa-nonce-reuse');
  const text = await page.locator('.markdown').first().textContent();
  const field = (name) => text.match(new RegExp(`${name} = ([0-9a-f]{64})`))[1];
  const [r1, s1, r2, s2] = ['r₁', 's₁', 'r₂', 's₂'].map(field);
  assert.equal(r1, r2, 'the stuck generator repeats r');
  const m2 = text.match(/m₂ = (meter=[^;\s]+;t=\d+;kwh=[\d.]+)/)[1];

  const hash = page.locator('form.tool:has(#tool-hash-title)');
  const z = async (message) => {
    if (message) await hash.locator('#tool-hash-message').fill(message);
    await hash.locator('button[type="submit"]').click();
    await hash.locator('.tool-result output').first().waitFor();
    return (await hash.locator('.tool-result output').first().textContent()).trim();
  };
  const z1 = await z(null);
  const z2 = await z(m2);
  assert.notEqual(z1, z2);
  const calcForm = page.locator('form.tool:has(#tool-scalar-title)');
  const calc = async (a, op, b) => {
    await calcForm.locator('#tool-scalar-a').fill(a);
    await calcForm.locator('#tool-scalar-op').selectOption(op);
    await calcForm.locator('#tool-scalar-b').fill(b);
    await calcForm.locator('button[type="submit"]').click();
    await calcForm.locator('.tool-result output').first().waitFor();
    return (await calcForm.locator('.tool-result output').first().textContent()).trim();
  };
  const k = await calc(await calc(z1, 'a-b', z2), 'a/b', await calc(s1, 'a-b', s2));
  const d = await calc(await calc(await calc(s1, 'a*b', k), 'a-b', z1), 'a/b', r1);
  const check = page.locator('form.tool:has(#tool-public-title)');
  await check.locator('#tool-public-candidate').fill(d);
  await check.locator('button[type="submit"]').click();
  await check.locator('.tool-result output').nth(1).getByText(/^yes/).waitFor();
  await (await answerText(page, 'q1', k)).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', d)).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('rollback: a replayed 1.2 package downgrades the device without a counter; a bumped 1.3 package is accepted by the counter device and the replay refused', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'rollback');
  const legacy = page.locator('form.tool:has(#tool-legacy-device-title)');
  const sign = page.locator('form.tool:has(#tool-vendor-sign-title)');
  const device = page.locator('form.tool:has(#tool-device-title)');

  // Part 1: the recorded, validly signed 1.2 package (prefilled) takes device A back to 1.2.
  const captured = (await legacy.locator('#tool-legacy-device-packages').inputValue()).trim();
  await legacy.locator('button[type="submit"]').click();
  await legacy.locator('.tool-result output').nth(1).getByText(/^1\. ACCEPTED: .*DOWNGRADE/).waitFor();
  await (await answerText(page, 'q1', captured)).getByText('Correct!').waitFor();

  const signWith = async (counter) => {
    await sign.locator('#tool-vendor-sign-version').fill('1.3');
    await sign.locator('#tool-vendor-sign-counter').fill(String(counter));
    await sign.locator('button[type="submit"]').click();
    // Wait for this run's manifest, not a previous one.
    await sign.locator('.tool-result output').first().getByText(new RegExp(`counter=${counter}$`)).waitFor();
    return (await sign.locator('.tool-result output').nth(1).textContent()).trim();
  };
  const stored = Number(await sign.locator('#tool-vendor-sign-counter').inputValue());
  assert.ok(stored >= 3, `stored counter ${stored}`);
  const installOnB = async (packages, after) => {
    await device.locator('#tool-device-packages').fill(packages);
    await device.locator('button[type="submit"]').click();
    const outputs = device.locator('.tool-result output');
    // The last line gives the state after this run: 1.3 and the package's counter.
    await outputs.nth(3).getByText(after).waitFor();
    return [(await outputs.nth(1).textContent()).trim(), (await outputs.nth(2).textContent()).trim()];
  };

  // Part 2: a 1.3 package that keeps the stored counter installs, but so does the replay after it.
  const unbumped = await signWith(stored);
  const [first, second] = await installOnB(`${unbumped} ${captured}`, `1.2 (vulnerable) · ${stored}`);
  assert.match(first, /^1\. ACCEPTED/);
  assert.match(second, /^2\. ACCEPTED/);
  await (await answerText(page, 'q2', unbumped)).getByText('That is not the right answer').waitFor();
  // With the counter raised, the replay is refused for good.
  const bumped = await signWith(stored + 1);
  const [ok, refused] = await installOnB(`${bumped} ${captured}`, `1.3 · ${stored + 1}`);
  assert.match(ok, /^1\. ACCEPTED/);
  assert.match(refused, /^2\. REFUSED: rollback: counter/);
  await (await answerText(page, 'q2', bumped)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q3', answers['rollback'].q3.split(','))).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('blast radius: the fleet grid marks every device exposed under the global key and only the opened one under derived keys', async () => {
  // CSP bypassed only to inject axe and check the grid's markup once it is shown.
  const page = await newPage(browser, { bypassCSP: true });
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'blast-radius');
  const fleet = page.locator('section.fleet');
  const target = await fleet.locator('#fleet-breach').inputValue();
  const total = await fleet.locator('#fleet-breach option').count() - 1;
  assert.ok(total >= 24 && total <= 48, `fleet of ${total}`);
  const show = async (scheme, count) => {
    await fleet.locator('#fleet-scheme').selectOption(scheme);
    await fleet.locator('button').click();
    await fleet.locator('.fleet-count').getByText(`${count} / ${total} devices exposed`).waitFor();
  };
  await show('global', total);
  assert.equal(await fleet.locator('li.fleet-exposed').count(), total);
  await show('derived', 1);
  assert.equal((await fleet.locator('li.fleet-exposed .mono').textContent()).trim(), target);
  assert.deepEqual(await axe(page), []);
  await fleet.locator('#fleet-breach').selectOption('server');
  await show('asymmetric', 0);
  await (await answerText(page, 'q1', String(total))).getByText('Correct!').waitFor();
  await (await answerText(page, 'q2', '1')).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('man in the middle: replacing both keys lets Mallory read the sensor reading while Bob notices nothing', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'mitm-ecdh');
  const lab = page.locator('section.kex');
  const replace = lab.getByRole('button', { name: 'Replace', exact: true });
  await lab.getByText('No message has passed yet.').waitFor();
  await replace.click();
  await lab.locator('.kex-live').getByText(/^Message 1: replaced\. Waiting for your decision\.$/).waitFor();
  // Bob now holds a key with Mallory; Alice's key with Mallory comes with message 2.
  await lab.locator('.kex-mallory-bob-key').waitFor();
  assert.equal(await lab.locator('.kex-read').count(), 0);
  await replace.click();
  await lab.locator('.kex-mallory-alice-key').waitFor();
  const read = (await lab.locator('.kex-read').textContent()).trim();
  assert.match(read, /^temperature=\d+\.\dC seq=\d{4}$/);
  // Message 3: re-encrypted for Bob, who accepts it.
  await replace.click();
  await lab.locator('.kex-outcome').getByText('Bob accepted the reading without noticing anything, but Mallory read it on the way.').waitFor();
  assert.equal((await lab.locator('.kex-bob-reading').textContent()).trim(), read);
  assert.equal(await lab.locator('.kex-messages li').count(), 3);
  assert.equal(await lab.locator('.kex-messages li.kex-replace').count(), 3);
  assert.ok(await lab.getByRole('button', { name: 'Forward', exact: true }).isDisabled());
  assert.notEqual(await lab.locator('.kex-alice-key').textContent(), await lab.locator('.kex-bob-key').textContent());

  await (await answerText(page, 'q1', 'temperature=99.9C seq=1000')).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', read)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q2', answers['mitm-ecdh'].q2.split(','))).getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('authenticated ECDH: the party that receives a substituted key aborts, and an honest run establishes the session', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'authenticated-ecdh');
  const lab = page.locator('section.kex');
  const button = (name) => lab.getByRole('button', { name, exact: true });

  // Mallory replaces Alice's key: Bob checks it against Alice's pinned identity and aborts.
  await button('Replace').click();
  await lab.locator('.kex-outcome').getByText('Bob aborts: the key he received is not signed by Alice\'s pinned identity.').waitFor();
  const bobAlert = (await lab.locator('.kex-alert').textContent()).trim();
  assert.match(bobAlert, /^[0-9a-f]{16}$/);
  assert.ok(await button('Forward').isDisabled());
  assert.equal(await lab.locator('.kex-read').count(), 0);
  assert.equal(await lab.locator('.kex-bob-key').count(), 0, 'Bob derived no key');

  // Replacing Bob's key instead: Alice aborts, with another code.
  await button('Restart').click();
  await button('Forward').click();
  await button('Replace').click();
  await lab.locator('.kex-outcome').getByText('Alice aborts: the key she received is not signed by Bob\'s pinned identity.').waitFor();
  const aliceAlert = (await lab.locator('.kex-alert').textContent()).trim();
  assert.notEqual(aliceAlert, bobAlert);
  assert.equal(await lab.locator('.kex-read').count(), 0);

  // The honest run: both sides derive the same key and the reading arrives, unread by Mallory.
  await button('Restart').click();
  for (let i = 0; i < 3; i++) await button('Forward').click();
  await lab.locator('.kex-outcome').getByText('Session established: Bob received the reading and Mallory could read nothing.').waitFor();
  const key = (await lab.locator('.kex-alice-key').textContent()).trim();
  assert.equal((await lab.locator('.kex-bob-key').textContent()).trim(), key);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(await lab.locator('.kex-read').count(), 0);

  await (await answerText(page, 'q1', aliceAlert)).getByText('Correct!').waitFor();
  await (await answerText(page, 'q2', key)).getByText('Correct!').waitFor();
  await (await answerChoices(page, 'q3', answers['authenticated-ecdh'].q3.split(','))).getByText('Correct!').waitFor();
  await page.getByText('Exercise solved!').waitFor();
  assert.deepEqual(page.problems, []);
});

test('secure boot: verifying each stage in the page finds the tampered one and how', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'secure-boot');
  const form = page.locator('form.tool:has(#tool-verify-title)');
  const check = async (stage) => {
    await form.locator('#tool-verify-stage').selectOption(stage);
    await form.locator('button[type="submit"]').click();
    const outputs = form.locator('.tool-result output');
    await outputs.nth(5).getByText(stage).waitFor();
    const text = await outputs.allTextContents();
    return { sameHash: text[2], signerIsRom: text[3], signatureOk: text[4] };
  };
  const stages = ['bootloader', 'kernel', 'application'];
  const results = [];
  for (const stage of stages) results.push(await check(stage));
  const failing = stages.filter((_, i) => results[i].signatureOk.startsWith('✗ no'));
  assert.equal(failing.length, 1, JSON.stringify(results));
  const t = stages.indexOf(failing[0]);
  let how = 'image';
  if (results[t].signerIsRom.startsWith('✗ no')) how = 'key';
  else if (t + 1 < stages.length && results[t + 1].sameHash.startsWith('✗ no')) how = 'manifest';
  const genuine = stages.find((s) => s !== failing[0]);
  await (await answerText(page, 'q1', genuine)).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', failing[0])).getByText('Correct!').waitFor();
  await (await answerText(page, 'q2', how)).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});
