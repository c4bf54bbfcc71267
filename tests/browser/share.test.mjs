// The summary shared with the whole community (issue 11, item 3): before, only phones that had
// joined a session could open /summary/<process>, and the rest of the work community got a 404.
// Here the facilitator of the demo class dialogue runs its session with one phone, moves the
// process to its summary, sends the summary for comments and makes a sharing link. A colleague
// who never joined follows the link (the address the QR code carries), reads the summary in
// Finnish and in Arabic (right to left), and comments without an account. The facilitator
// revokes the link after confirming, and the link then says it was withdrawn. Every page is
// checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, mainText, pathOf } from './helpers.mjs';

const h = harness();

test('a person who never joined reads and comments on the summary through its link, until it is revoked', async () => {
  const { fac, board, code } = await h.openDemoSession();
  const processPath = new URL(await board.getByRole('link', { name: /Koulun 8B-luokka/ }).first().evaluate((a) => a.href)).pathname;

  // One phone writes a note, so the summary has something heard.
  const pupil = await h.person('osallistuja');
  await visit(pupil.page, `/join/${code}`);
  await submit(pupil.page, 'Liity');
  const note = 'Välitunnilla kaikki otetaan mukaan peleihin';
  await pupil.page.getByLabel('Sinun ajatuksesi').fill(note);
  await submit(pupil.page, 'Lähetä');
  await board.locator('#board').getByText(note).waitFor();
  // The pupil is done; the phone would reload when the session ends.
  await pupil.page.close();

  // The summary step: the facilitator drafts the summary and sends it for comments.
  const page = fac.page;
  await visit(page, processPath);
  await submit(page, 'Siirry koosteeseen');
  await visit(page, `${processPath}/summary`);
  await submit(page, 'Laadi luonnos');
  await submit(page, 'Lähetä osallistujien kommentoitavaksi');
  assert.match(await mainText(page), /osallistujien kommentoitavana/);

  // Sharing: a link and its QR code, shown once.
  await follow(page, 'Jaa kooste koko työyhteisölle linkillä ja QR-koodilla');
  assert.equal(await page.locator('.primary').count(), 1, 'one primary action');
  await submit(page, 'Tee linkki ja QR-koodi');
  const url = await page.getByLabel('Koosteen linkki').inputValue();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/shared\/[0-9a-f]{64}$/);
  const qr = page.getByRole('img', { name: 'QR-koodi, joka avaa koosteen linkin' });
  assert.equal(await qr.locator('svg').count(), 1, 'the QR code is drawn in the page');
  assert.equal(await page.locator('.primary').count(), 1, 'one primary action');

  // A colleague who never joined a session follows the link (the QR code's address).
  const colleague = await h.person('työkaveri');
  const res = await visit(colleague.page, url);
  assert.equal(res.status(), 200);
  const read = await mainText(colleague.page);
  assert.match(read, /Kooste: mitä kuulimme/);
  assert.match(read, /Tämä on luonnos/);
  assert.equal(await colleague.page.locator('header nav a[href^="/processes"]').count(), 0, 'no staff navigation');
  assert.equal(await colleague.page.getByRole('link', { name: 'Kirjaudu ulos' }).count(), 0);

  // In Arabic the page turns right to left; the comment is written there.
  await follow(colleague.page, 'العربية');
  assert.equal(await colleague.page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await colleague.page.locator('html').getAttribute('lang'), 'ar');
  assert.equal(pathOf(colleague.page), new URL(url).pathname);
  const comment = 'نريد أن نلعب معًا في الاستراحة';
  await colleague.page.getByLabel('تعليقك').fill(comment);
  await submit(colleague.page, 'أرسل التعليق');
  assert.match(await mainText(colleague.page), /شكرًا/);

  // The facilitator reads the comment, which names no one.
  await visit(page, `${processPath}/summary`);
  const comments = await page.getByRole('region', { name: /kommentti/ }).innerText();
  assert.ok(comments.includes(comment), `the comment reaches the summary page: ${comments}`);

  // Revoking asks first; then the link no longer opens the summary, and says so.
  await follow(page, 'Jaa kooste koko työyhteisölle linkillä ja QR-koodilla');
  assert.match(await mainText(page), /Koosteen linkki on käytössä/);
  await follow(page, 'Peru linkki');
  assert.match(await mainText(page), /Perutaanko linkki\?/);
  await submit(page, 'Peru linkki');
  assert.match(await mainText(page), /Linkki on peruttu/);
  assert.equal(await page.getByRole('button', { name: 'Tee linkki ja QR-koodi' }).count(), 1, 'a new link can be made');

  const gone = await visit(colleague.page, url);
  assert.equal(gone.status(), 410);
  assert.match(await mainText(colleague.page), /تم إلغاء هذا الرابط/);
  assert.doesNotMatch(await mainText(colleague.page), new RegExp(note));

  const pages = await h.closeAll();
  assert.ok(pages >= 10, `every page was checked (${pages})`);
});
