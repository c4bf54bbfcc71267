// A participant's own notes in the browser: a note over 1,000 characters is refused whole (the
// counter says so while typing, the server's answer keeps the text), a note is corrected and
// another withdrawn from the phone and the facilitator's board and the projector follow without
// a reload, and once the facilitator stars a note its writer can no longer change it. The phone
// shows its own number and the stage's timer. The phone's "what I have written" deletes a curated
// note, and the organisation's admin opens a person's page and the audit log. Every page is
// checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, submitWithoutBrowserChecks, audit, mainText, personLoggedIn } from './helpers.mjs';

const h = harness();

test('own notes: refused whole when too long, corrected and withdrawn until curated', async () => {
  const { fac, board, code, runPath } = await h.openDemoSession();
  const projector = await fac.context.newPage();
  projector.__vuoro = board.__vuoro;
  await visit(projector, runPath.replace('/run', '/projector'));

  const phone = await h.person('puhelin');
  await visit(phone.page, `/join/${code}`);
  await submit(phone.page, 'Liity');
  const page = phone.page;
  assert.match(await mainText(page), /Olet osallistuja 1/, 'the phone knows its number');
  assert.equal(await page.locator('.phone-status .timer').count(), 1, 'the phone shows the timer');

  // Too long: the counter says so while typing, and the server refuses the note whole.
  const box = page.getByLabel('Sinun ajatuksesi');
  const long = `${'sana '.repeat(200)}loppu`;
  await box.fill(long);
  assert.equal(await box.inputValue(), long, 'the browser cuts nothing');
  assert.match(await page.locator('#text-count').innerText(), /1\s?005 \/ 1\s?000 Teksti on liian pitkä/);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await audit(page);
  const refused = await submitWithoutBrowserChecks(page, 'Lähetä');
  assert.equal(refused.status(), 422);
  assert.match(await mainText(page), /Teksti on liian pitkä\. Enintään 1000 merkkiä\./);
  assert.equal(await page.getByLabel('Sinun ajatuksesi').inputValue(), long, 'the text comes back whole');

  for (const text of ['Kahvihuone on liain pieni', 'Tämän peruisin', 'Tähti tälle']) {
    await page.getByLabel('Sinun ajatuksesi').fill(text);
    await submit(page, 'Lähetä');
    await board.locator('#board').getByText(text).waitFor();
  }

  // Corrected: the board and the projector show the new text without a reload by anyone.
  const mine = (text) => page.locator('ul.mine li.note', { hasText: text });
  const typo = mine('Kahvihuone on liain pieni');
  await typo.locator('summary', { hasText: 'Korjaa tai peru' }).click();
  await typo.getByLabel('Korjattu teksti').fill('Kahvihuone on liian pieni');
  let reloads = [board.waitForEvent('load'), projector.waitForEvent('load')];
  await submit(page, 'Tallenna korjaus', typo);
  await Promise.all(reloads);
  await audit(board);
  await audit(projector);
  assert.match(await mainText(board), /Kahvihuone on liian pieni/);
  assert.doesNotMatch(await mainText(board), /liain/);
  assert.match(await mainText(projector), /Kahvihuone on liian pieni/);

  // Withdrawn: gone from the board and the projector.
  const gone = mine('Tämän peruisin');
  await gone.locator('summary', { hasText: 'Korjaa tai peru' }).click();
  assert.match(await gone.innerText(), /eikä sitä voi palauttaa/, 'withdrawing says it is final first');
  reloads = [board.waitForEvent('load'), projector.waitForEvent('load')];
  await submit(page, 'Peru muistiinpano', gone);
  await Promise.all(reloads);
  await audit(board);
  await audit(projector);
  assert.doesNotMatch(await mainText(board), /Tämän peruisin/);
  assert.doesNotMatch(await mainText(projector), /Tämän peruisin/);
  assert.doesNotMatch(await mainText(page), /Tämän peruisin/);

  // Curated: once starred, the writer can no longer correct or withdraw it.
  reloads = [board.waitForEvent('load'), projector.waitForEvent('load')];
  await submit(board, 'Merkitse tähdellä', board.locator('#board li.note', { hasText: 'Tähti tälle' }));
  await Promise.all(reloads);
  await audit(projector);
  assert.equal(await projector.locator('#board li.note-starred', { hasText: 'Tähti tälle' }).count(), 1, 'a starred note stands out on the projector');
  await visit(page, new URL(page.url()).pathname);
  const starred = mine('Tähti tälle');
  assert.match(await starred.innerText(), /Ohjaaja on käsitellyt tämän/);
  assert.equal(await starred.locator('summary').count(), 0, 'no correcting a curated note');

  // "What I have written": the phone lists its notes of the whole process; deleting one asks
  // first, then it leaves the board, curated or not.
  await follow(page, 'Mitä olen kirjoittanut');
  assert.match(await mainText(page), /Tähti tälle/);
  await submit(page, 'Poista', page.locator('li.note', { hasText: 'Tähti tälle' }));
  assert.match(await mainText(page), /Poistetaanko tämä pysyvästi\?/);
  reloads = [board.waitForEvent('load')];
  await submit(page, 'Kyllä, poista pysyvästi');
  await Promise.all(reloads);
  await audit(board);
  assert.match(await mainText(page), /Poistettu\./);
  assert.doesNotMatch(await mainText(page), /Tähti tälle/);
  assert.doesNotMatch(await mainText(board), /Tähti tälle/);

  // The demo city's audit log, as its admin: a person's page and the log itself.
  const admin = await personLoggedIn(h.browser, h.server.url, 'admin@demo.vuoro.fi');
  h.people.push(admin);
  await follow(admin.page, 'Hallinnoi organisaatiota');
  await follow(admin.page, 'Henkilön Aino Ylläpitäjä tiedot, vienti ja poisto');
  assert.match(await mainText(admin.page), /Lataa tiedot \(JSON\)/);
  await follow(admin.page, 'Takaisin: Esimerkkilän kaupunki');
  await follow(admin.page, 'Hallinnon loki');
  assert.match(await mainText(admin.page), /Roolimuutokset/);

  const pages = await h.closeAll();
  assert.ok(pages >= 14, `${pages} pages checked`);
});
