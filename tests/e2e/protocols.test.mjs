// End-to-end: the IoT protocol track, solved through the page as a learner would, and the
// capture viewer walked by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, newPage, withStorage, watchLongTasks, openExercise as openExerciseAt, answerText, axe } from './harness.mjs';

let browser, site;
const openExercise = (page, id) => openExerciseAt(page, site.url, id);

before(async () => {
  browser = await launch();
  site = await startServer();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

/** Runs a tool of the lab and gives the texts of its outputs. */
async function runTool(page, tool, fields = {}, timeout = 20000) {
  const form = page.locator(`form.tool:has(#tool-${tool}-title)`);
  for (const [field, value] of Object.entries(fields)) {
    const input = form.locator(`#tool-${tool}-${field}`);
    if (await input.evaluate((el) => el.tagName === 'SELECT')) await input.selectOption(value);
    else await input.fill(String(value));
  }
  await form.locator('button[type="submit"]').click();
  await form.locator('.tool-result output, .tool-result .error').first().waitFor({ timeout });
  // A long tool shows its bar until the result replaces it.
  await page.waitForFunction((t) => !document.querySelector(`form.tool:has(#tool-${t}-title) .job-bar`), tool, { timeout });
  return (await form.locator('.tool-result output').allTextContents()).map((t) => t.trim());
}

test('PROT-04: the passkey falls to a full search in the worker, then STK, the link decrypted and the LTK read, all graded right', async () => {
  const page = await newPage(browser);
  await watchLongTasks(page);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'ble-pairing');
  await page.evaluate(() => { window.__longest = 0; });
  // The whole 6-digit space, as the form starts: the search stops at the passkey.
  const search = await runTool(page, 'passkey-search', {}, 120000);
  const [, passkey, tk] = search;
  assert.match(passkey, /^\d{1,6}$/, `passkey output: ${search}`);
  assert.match(tk.replace(/\s+/g, ''), /^[0-9a-f]{32}$/);
  assert.ok(await page.evaluate(() => window.__longest) < 50, 'the search never holds the page 50 ms');

  await (await answerText(page, 'q1', String((Number(passkey) + 1) % 1000000))).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', passkey)).getByText('Correct!').waitFor();

  const [, stk] = await runTool(page, 's1', { k: tk.replace(/\s+/g, '') });
  assert.match(stk.replace(/\s+/g, ''), /^[0-9a-f]{32}$/);
  await (await answerText(page, 'q2', stk)).getByText('Correct!').waitFor();

  // A wrong key: the MIC refuses it, and nothing is decrypted.
  const wrong = await runTool(page, 'decrypt', { key: '00'.repeat(16) });
  assert.ok(wrong.some((t) => /^refused/.test(t)), `outputs: ${wrong}`);
  assert.ok(!wrong.some((t) => /Long Term Key/.test(t)));
  const opened = await runTool(page, 'decrypt', { key: stk.replace(/\s+/g, '') });
  const ltk = opened.join('\n').match(/Long Term Key (?:0x)?([0-9a-f]{32})/i)?.[1];
  assert.ok(ltk, `decrypted: ${opened}`);
  await (await answerText(page, 'q3', ltk)).getByText('Correct!').waitFor();
  assert.deepEqual(page.problems, []);
});

/** The bytes of frame `i` of the capture on screen, read from the viewer's hex dump. */
async function frameHex(page, i) {
  await page.locator(`#cap-frame-${i}`).click();
  await page.waitForFunction((n) => document.querySelector('#capture-fields-title')?.textContent.includes(`Frame ${n} (`), i + 1);
  return (await page.locator('.hexdump .byte').allTextContents()).join('');
}

test('PROT-03: the 32-bit counter rebuilt, the payload decrypted, a captured uplink replayed past the relaxed server, and each fix refusing it', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'lorawan-abp');
  const statement = await page.locator('main').textContent();
  const fcnt16 = Number(statement.match(/carries FCnt = (\d+) on the air/)[1]);

  // The MIC holds under the counter past 65535, not under the 16 bits that travel.
  let mic = await runTool(page, 'mic');
  assert.notEqual(mic[1], mic[2], `the MIC under ${fcnt16} alone must not match: ${mic}`);
  const fcnt32 = 65536 + fcnt16;
  mic = await runTool(page, 'mic', { fcnt: fcnt32 });
  assert.equal(mic[1], mic[2], `the MIC under ${fcnt32}: ${mic}`);
  await (await answerText(page, 'q1', String(fcnt16))).getByText('That is not the right answer').waitFor();
  await (await answerText(page, 'q1', String(fcnt32))).getByText('Correct!').waitFor();

  const clear = await runTool(page, 'decrypt', { fcnt: fcnt32 });
  const reading = clear[3];
  assert.match(reading, /^[\x20-\x7e]+$/, `decrypted: ${clear}`);
  await (await answerText(page, 'q2', reading)).getByText('Correct!').waitFor();

  // Each captured uplink, taken from the viewer's dump, sent as it is to the relaxed server.
  const count = await page.locator('#capture-frames [role="option"]').count();
  let replayed;
  for (let i = count - 1; i >= 0 && !replayed; i--) {
    const hex = await frameHex(page, i);
    const [verdict] = await runTool(page, 'server', { frame: hex, setting: 'relaxed' });
    if (/^accepted/.test(verdict)) replayed = hex;
  }
  assert.ok(replayed, 'a captured frame passes the relaxed server');
  await (await answerText(page, 'q3', replayed)).getByText('Correct!').waitFor();
  for (const fix of ['strict', 'nvm', 'otaa']) {
    const [verdict] = await runTool(page, 'server', { frame: replayed, setting: fix });
    assert.match(verdict, /^refused/, `${fix}: ${verdict}`);
  }
  assert.deepEqual(page.problems, []);
});

test('the capture viewer is walked by keyboard: frames, filter, fields and their bytes, with no axe violation', async () => {
  // CSP bypassed only to inject axe once the viewer is in use.
  const page = await newPage(browser, { bypassCSP: true });
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'ble-pairing');
  const frames = page.locator('#capture-frames');
  await frames.locator('[role="option"]').first().waitFor();
  const total = await frames.locator('[role="option"]').count();
  assert.ok(total >= 8, `${total} frames`);

  // Tab order reaches the list; the arrows move the selection and the detail follows.
  await frames.focus();
  assert.equal(await frames.getAttribute('aria-activedescendant'), 'cap-frame-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await frames.getAttribute('aria-activedescendant'), 'cap-frame-2');
  assert.equal(await page.locator('#cap-frame-2').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await frames.getAttribute('aria-activedescendant'), `cap-frame-${total - 1}`);
  await page.keyboard.press('Home');
  assert.match(await page.locator('#capture-fields-title').textContent(), /Frame 1 \(BLE/);

  // The filter keeps one frame type; the selection moves to a frame of that type.
  await page.locator('#capture-filter').selectOption('Pairing Confirm');
  const shown = await frames.locator('[role="option"]').allTextContents();
  assert.ok(shown.length >= 1 && shown.length < total, `${shown.length} frames shown`);
  for (const row of shown) assert.match(row, /Pairing Confirm/);
  assert.match(await page.locator('#capture-fields-title').textContent(), /Pairing Confirm/);

  // Fields by keyboard: each one's bytes are lit in the dump and said in words.
  const fields = page.locator('#capture-fields');
  await fields.focus();
  const count = await fields.locator('[role="option"]').count();
  let saw = 0;
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowDown');
    const status = await page.locator('#capture-field-status').textContent();
    const name = (await page.locator(`#cap-field-${i} .name`).textContent()).trim();
    assert.ok(status.startsWith(name), `field ${i}: "${status}" names ${name}`);
    const m = status.match(/bytes (\d+) to (\d+) \((\d+)\)/);
    if (m) {
      saw++;
      assert.equal(Number(m[2]) - Number(m[1]) + 1, Number(m[3]));
      assert.equal(await page.locator('.hexdump .byte.lit').count(), Number(m[3]), `field ${name}: lit bytes`);
    }
  }
  assert.ok(saw >= 4, `${saw} fields with bytes`);
  // The confirm value: 16 bytes, lit as such.
  const confirm = fields.locator('[role="option"]', { hasText: 'Confirm Value' });
  await confirm.hover();
  assert.equal(await page.locator('.hexdump .byte.lit').count(), 16);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
});

test('PROT-01: the credentials read in the capture viewer grade right; the broken ACL, audited and answered in its text area, does not', async () => {
  const page = await newPage(browser);
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'mqtt-audit');
  // The CONNECT of the client whose PUBLISH frames are retained.
  await page.locator('#capture-frames [role="option"]').first().waitFor();
  const rows = await page.locator('#capture-frames [role="option"]').allTextContents();
  const retained = rows.findIndex((r) => /PUBLISH/.test(r) && /RETAIN/i.test(r));
  assert.ok(retained > 0, `a retained PUBLISH in: ${rows.join(' | ')}`);
  const connect = rows.slice(0, retained).map((r, i) => [r, i]).filter(([r]) => /CONNECT(?!ACK)/.test(r)).pop()[1];
  await page.locator(`#cap-frame-${connect}`).click();
  const field = async (name) => (await page.locator('#capture-fields [role="option"]').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).locator('.value').textContent()).trim().replace(/^"|"$/g, '');
  const user = await field('User Name');
  const password = await field('Password');
  assert.ok(user && password, `${user} / ${password}`);
  await (await answerText(page, 'q1', user)).getByText('Correct!').waitFor();
  await (await answerText(page, 'q2', password)).getByText('Correct!').waitFor();

  const [verdict] = await runTool(page, 'audit');
  assert.match(verdict, /excess/, verdict);
  const acl = await page.locator('#tool-audit-acl').inputValue();
  assert.ok(acl.split('\n').length > 3, 'the ACL is a file of several lines');
  const form = page.locator('form.question:has(#q-q3-title)');
  await form.locator('textarea').fill(acl);
  assert.equal(await form.locator('textarea').inputValue(), acl, 'the answer keeps its lines');
  await form.locator('button[type="submit"]').click();
  await form.locator('.verdict').getByText('That is not the right answer').waitFor();
  assert.deepEqual(page.problems, []);
});

/** The right grid of an exercise, from the instructor's sidecar (`[id.question]` then `row = { col = "option", … }`). */
async function sidecarGrid(exercise, question) {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../../exercises.solutions.toml', import.meta.url), 'utf8');
  const block = text.split(`[${exercise}.${question}]`)[1].split(/\n\[/)[0];
  const grid = {};
  for (const [, row, cells] of block.matchAll(/^([a-z0-9-]+) = \{(.*)\}$/gm)) {
    grid[row] = Object.fromEntries([...cells.matchAll(/([a-z0-9-]+) = "([^"]+)"/g)].map((m) => [m[1], m[2]]));
  }
  return grid;
}

test('PROT-05: the protocol grid is graded per cell; a right cell opens its reason, a wrong one does not; all right solves it', async () => {
  const page = await newPage(browser, { bypassCSP: true });
  await withStorage(page, site.url, { 'seclab.lang': 'en' });
  await openExercise(page, 'security-matrix');
  const grid = await sidecarGrid('security-matrix', 'matrix');
  const cells = Object.entries(grid).flatMap(([row, cols]) => Object.entries(cols).map(([col, option]) => ({ row, col, option })));
  assert.equal(cells.length, 35);
  const options = await page.locator(`#q-matrix--${cells[0].row}--${cells[0].col} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  // One cell wrong, every other right.
  const [wrongCell] = cells;
  const wrongOption = options.find((o) => o !== wrongCell.option);
  for (const c of cells) await page.selectOption(`#q-matrix--${c.row}--${c.col}`, c === wrongCell ? wrongOption : c.option);
  const form = page.locator('form.question:has(#q-matrix-grid)');
  await form.locator('button[type="submit"]').click();
  await page.locator('#q-matrix-status').getByText('That is not the right answer').waitFor();
  assert.match(await page.locator('#q-matrix-status').textContent(), /34 of 35/);
  const id = (c) => `#q-matrix--${c.row}--${c.col}`;
  assert.match(await page.locator(`${id(wrongCell)}-verdict`).textContent(), /✘/);
  assert.equal(await page.locator(`${id(wrongCell)}-reason`).count(), 0, 'a wrong cell shows no reason');
  const right = cells[1];
  assert.match(await page.locator(`${id(right)}-verdict`).textContent(), /✔/);
  const reason = (await page.locator(`${id(right)}-reason`).textContent()).trim();
  assert.ok(reason.length > 20 && !reason.startsWith('sealed:'), `the reason opened: ${reason}`);
  assert.deepEqual(await axe(page), []);

  await page.selectOption(id(wrongCell), wrongCell.option);
  await form.locator('button[type="submit"]').click();
  await page.locator('#q-matrix-status').getByText('Correct!').waitFor();
  assert.ok(await page.locator(id(wrongCell)).isDisabled(), 'a solved grid is locked');
  await page.reload();
  await page.waitForFunction(() => !document.querySelector('.loading'));
  assert.equal(await page.locator(id(wrongCell)).inputValue(), wrongCell.option, 'the grid answer is kept after a reload');
  assert.deepEqual(page.problems, []);
});
