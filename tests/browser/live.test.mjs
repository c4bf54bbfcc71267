// A live session in the browser: the facilitator opens a planned session of the demo class
// dialogue (already in phase 1), shows the projector, two participants join from their phones
// without accounts (one in Arabic, right to left; one in Finnish with her name shown), their
// notes appear on the facilitator's board without a reload, and when the facilitator moves on,
// the phones follow. Every page and every reload is checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, audit, mainText } from './helpers.mjs';

const h = harness();

test('a live session: join by code, notes on the board, phones follow the facilitator', async () => {
  const { fac, board, code } = await h.openDemoSession();
  assert.match(new URL(board.url()).pathname, /^\/live\/[0-9a-f-]+\/run$/);
  assert.match(code, /^[A-Z0-9]{6}$/);

  // The projector opens in a second window of the same person.
  const projector = await fac.context.newPage();
  projector.__vuoro = board.__vuoro;
  await visit(projector, new URL(board.url()).pathname.replace('/run', '/projector'));
  assert.equal(await projector.locator('.qr svg').count(), 1, 'the projector shows a QR code');
  assert.match(await projector.locator('.code').innerText(), new RegExp(code.slice(0, 3)));

  // Participant 1: types the code in lower case, picks Arabic.
  const amal = await h.person('osallistuja-ar');
  await visit(amal.page, '/join');
  await amal.page.getByLabel('Koodi').fill(code.toLowerCase());
  await submit(amal.page, 'Jatka');
  await amal.page.getByLabel('العربية').check();
  await submit(amal.page, 'Liity');
  assert.equal(await amal.page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await amal.page.locator('html').getAttribute('lang'), 'ar');
  assert.match(await mainText(amal.page), /لنبدأ/, 'the stage name in Arabic too');
  await amal.page.getByRole('textbox').fill('نحن نستمع لبعضنا');
  await submit(amal.page, 'إرسال');

  // Participant 2: Finnish, shows her name.
  const sanna = await h.person('osallistuja-fi');
  await visit(sanna.page, `/join/${code}`);
  await sanna.page.getByLabel('Haluan näyttää nimeni').check();
  await sanna.page.getByLabel('Nimi', { exact: true }).fill('Sanna');
  await submit(sanna.page, 'Liity');
  assert.match(await mainText(sanna.page), /Nimesi näkyy: Sanna/);
  await sanna.page.getByLabel('Sinun ajatuksesi').fill('Välitunnilla on kivaa');
  await submit(sanna.page, 'Lähetä');

  // Both notes reached the open board without a reload, each in its own direction.
  const arabic = board.locator('#board .note-text[lang="ar"]');
  await arabic.waitFor();
  assert.equal(await arabic.getAttribute('dir'), 'rtl');
  await board.locator('#board').getByText('Välitunnilla on kivaa').waitFor();
  await board.locator('#board .note-name').getByText('Sanna').waitFor();
  assert.equal(await board.locator('#board .note-name').count(), 1, 'the anonymous note names no one');
  await projector.locator('#board').getByText('Välitunnilla on kivaa').waitFor();

  // The facilitator hides the Arabic note: it leaves the projector, stays marked on the board.
  const arabicNote = board.locator('#board li.note').filter({ has: board.locator('.note-text[lang="ar"]') });
  const projectorReload = projector.waitForEvent('load');
  await submit(board, 'Piilota', arabicNote);
  await projectorReload;
  await audit(projector);
  assert.equal(await projector.locator('#board .note-text[lang="ar"]').count(), 0);
  assert.match(await board.locator('#board li.note-hidden').innerText(), /Piilotettu/);

  // Amal raises her hand; the facilitator's queue shows her by number and gives her the turn.
  let boardReload = board.waitForEvent('load');
  await submit(amal.page, 'ارفع يدك: أريد أن أتكلم');
  await audit(amal.page);
  await boardReload;
  await audit(board);
  await board.getByRole('region', { name: 'Puheenvuorojono' }).getByText('Osallistuja 1').waitFor();
  boardReload = board.waitForEvent('load');
  await submit(board, 'Anna puheenvuoro');
  await boardReload.catch(() => {});
  await board.waitForLoadState('load');
  await audit(board);
  assert.match(await mainText(board), /Kukaan ei ole pyytänyt puheenvuoroa/);

  // The facilitator moves on; the phone reloads itself and shows the next stage.
  const before = await sanna.page.locator('#question').innerText();
  const reloaded = ['load', 'load', 'load'].map((e, i) => [sanna.page, amal.page, projector][i].waitForEvent(e));
  await submit(board, 'Seuraava');
  await Promise.all(reloaded);
  await audit(sanna.page);
  await audit(amal.page);
  const afterText = await sanna.page.locator('#question').innerText();
  assert.notEqual(afterText, before, 'the phone follows the facilitator');
  assert.match(await mainText(amal.page), /الجولة الأولى/, 'the next stage, in Arabic');
  await audit(projector);

  // The note-taker types without the mouse: a note per Enter, and the box is ready again.
  await follow(board, /^Kirjurinäkymä/);
  const box = board.getByLabel('Muistiinpano', { exact: true });
  await box.fill('Piirissä puhuttiin kiusaamisesta');
  await Promise.all([board.waitForNavigation({ waitUntil: 'load' }), box.press('Enter')]);
  await audit(board);
  assert.match(await mainText(board), /Tallennettu/);
  assert.equal(await board.evaluate(() => document.activeElement?.id), 'text', 'ready for the next note');
  await follow(board, 'Takaisin istuntoon');
  await board.locator('#board').getByText('Piirissä puhuttiin kiusaamisesta').waitFor();

  // Feedback: the form opens on the phones, Sanna answers anonymously; closing is final and
  // asked first; with one answer the results say how many answered, and show from five.
  let phonesReload = [sanna.page, amal.page, projector].map((pg) => pg.waitForEvent('load'));
  await submit(board, 'Avaa palautelomake');
  await Promise.all(phonesReload);
  for (const pg of [sanna.page, amal.page, projector]) await audit(pg);
  await sanna.page.getByRole('group', { name: 'Minua kuultiin.' }).getByLabel('4').check();
  await sanna.page.getByLabel('Mitä muuta haluat sanoa?').fill('Mukava aamu');
  await submit(sanna.page, 'Lähetä palaute');
  assert.match(await mainText(sanna.page), /Kiitos palautteesta!/);
  phonesReload = [sanna.page, amal.page, projector].map((pg) => pg.waitForEvent('load'));
  await board.locator('summary', { hasText: 'Sulje palautelomake' }).click();
  await submit(board, 'Sulje palautelomake lopullisesti');
  await Promise.all(phonesReload);
  for (const pg of [sanna.page, amal.page, projector]) await audit(pg);
  await follow(board, /Palautteen tulokset/);
  assert.match(await mainText(board), /Vastaajia oli vain yksi\. Tulokset näytetään vasta vähintään viidestä vastauksesta/);
  assert.doesNotMatch(await mainText(board), /Keskiarvo|Mukava aamu/, 'one answer is not shown');
  await board.goBack();
  await audit(board);

  // Closing ends the session for everyone; the runner asks first, without JavaScript too.
  await board.locator('summary', { hasText: 'Päätä istunto…' }).click();
  assert.match(await mainText(board), /Päättämistä ei voi perua/);
  const closed = [sanna.page, amal.page, projector].map((pg) => pg.waitForEvent('load'));
  await submit(board, 'Päätä istunto');
  await Promise.all(closed);
  await audit(sanna.page);
  assert.match(await mainText(sanna.page), /Keskustelu on päättynyt/);
  await audit(amal.page);
  await audit(projector);
  await board.waitForLoadState('load');
  await audit(board);

  // Every page any of them loaded, reloads included, was checked.
  const pages = await h.closeAll();
  assert.ok(pages >= 10, `only ${pages} pages were checked`);
});
