// The facilitator's curation and the summary editor in the browser, on the demo class dialogue:
// three phones write about three topics, the facilitator gets themes proposed and curates them
// from the keyboard alone (notes chosen with Space, moved with a theme's own button, the page
// returning to that theme; a name saved with Enter), removes a theme only after a yes, then
// drafts the summary and edits it where it stands, previews it and comes back without losing a
// word. Every page is checked with axe-core, and each page's one primary action must sit inside
// the first 1366×768 screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, audit, mainText } from './helpers.mjs';

const h = harness();

const TOPICS = {
  coffee: [
    'Kahvihuone on liian pieni, ei mahdu istumaan',
    'Kahvihuoneeseen tarvittais lisää tuoleja',
    'Kahvihuoneen jääkaappi on aina täynnä',
    'Kahvihuone vois olla viihtyisämpi',
    'Tauoilla kahvihuone on ihan tupaten täynnä',
  ],
  shifts: [
    'Vuorolistat tulee liian myöhään',
    'Vuorolistojen muutokset tulee viime tingassa',
    'Vuorolista pitäis saada kuukautta ennen',
    'Vuorolistojen vaihdot on hankalia sopia',
    'Vuorolistassa ei huomioida toiveita',
  ],
  induction: [
    'Perehdytys uusille jää puolitiehen',
    'Uusien perehdytys vaatii enemmän aikaa',
    'Perehdytyksessä ei ole selvää kansiota',
    'Perehdytys on jokaisen oman jaksamisen varassa',
    'Perehdytykseen kaivataan nimettyä vastuuhenkilöä',
  ],
};

const SCREEN = { width: 1366, height: 768 };

/** The page has one element marked primary, and it is inside the first screen. */
async function primaryOnFirstScreen(page, what) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const primary = page.locator('main .primary');
  assert.equal(await primary.count(), 1, `${what}: one primary action`);
  const box = await primary.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= SCREEN.height, `${what}: the primary action is inside the first screen (${JSON.stringify(box)})`);
  return primary;
}

/** Presses Tab until `locator` has the focus: the way a keyboard reaches it. */
async function tabTo(page, locator, what) {
  for (let i = 0; i < 400; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Presses a key that submits a form, waits for the page that comes and audits it. */
async function pressAndLoad(page, key) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  await audit(page);
}

/** The theme section that holds a note. */
function themeOf(page, note) {
  return page.locator('section.theme').filter({ has: page.getByRole('checkbox', { name: note, exact: true }) });
}

test('themes curated from the keyboard, a theme removed after a yes, the summary edited where it stands', async () => {
  const { board, code } = await h.openDemoSession();
  await board.setViewportSize(SCREEN);
  const phones = [];
  for (const [i, notes] of Object.values(TOPICS).entries()) {
    const p = await h.person(`puhelin-${i + 1}`);
    phones.push(p);
    await visit(p.page, `/join/${code}`);
    await submit(p.page, 'Liity');
    for (const n of notes) {
      await p.page.getByLabel('Sinun ajatuksesi').fill(n);
      await submit(p.page, 'Lähetä');
    }
  }

  await visit(board, '/');
  await follow(board, 'Koulun 8B-luokka');
  const processPath = new URL(board.url()).pathname;
  await follow(board, 'Teemat: mistä muistiinpanoissa puhuttiin');
  const themesPath = new URL(board.url()).pathname;
  const propose = await primaryOnFirstScreen(board, 'the themes page before a proposal');
  assert.equal((await propose.innerText()).trim(), 'Ehdota teemoja');
  await submit(board, 'Ehdota teemoja');
  await primaryOnFirstScreen(board, 'the themes page');
  assert.match(await mainText(board), /Osio 2 aloitetaan prosessin sivulta/, 'phase 1: the page says where phase 2 starts');

  // From the keyboard: two induction notes chosen with Space, moved to the shift-list theme with
  // that theme's own button; the page comes back at that theme.
  const target = themeOf(board, TOPICS.shifts[0]);
  assert.equal(await target.count(), 1, 'the shift-list notes have a theme');
  const source = themeOf(board, TOPICS.induction[0]);
  assert.equal(await source.count(), 1, 'the induction notes have a theme');
  const targetId = await target.locator('h2').getAttribute('id');
  assert.notEqual(await source.locator('h2').getAttribute('id'), targetId, 'the topics are themes of their own');
  await board.locator('h1').click();
  for (const note of TOPICS.induction.slice(0, 2)) {
    const box = board.getByRole('checkbox', { name: note, exact: true });
    await tabTo(board, box, `the check box of "${note}"`);
    await board.keyboard.press('Space');
    assert.ok(await box.isChecked(), `Space chose "${note}"`);
  }
  await tabTo(board, target.getByRole('button', { name: 'Siirrä valitut tähän teemaan' }), 'the target theme\'s move button');
  await pressAndLoad(board, 'Enter');
  assert.equal(new URL(board.url()).hash, `#${targetId}`, 'the page returns to the theme the notes went to');
  const heading = board.locator(`#${targetId}`);
  const box = await heading.boundingBox();
  // The browser may scroll the anchor a fraction of a pixel past the top (sub-pixel layout).
  assert.ok(box && box.y > -1 && box.y < SCREEN.height, `the theme is on screen, not the top of the page (${JSON.stringify(box)})`);
  const moved = board.locator(`section.theme:has(#${targetId})`);
  for (const note of [...TOPICS.induction.slice(0, 2), TOPICS.shifts[0]]) {
    assert.equal(await moved.getByRole('checkbox', { name: note, exact: true }).count(), 1, `"${note}" is in the shift-list theme`);
  }

  // A name typed into the theme's field and saved with Enter.
  const name = moved.getByLabel('Teeman nimi');
  await tabTo(board, name, 'the theme\'s name field');
  await board.keyboard.press('Control+A');
  await board.keyboard.type('Vuorot ja perehdytys');
  await pressAndLoad(board, 'Enter');
  await board.getByRole('heading', { level: 2, name: /^Vuorot ja perehdytys/ }).waitFor();
  assert.match(await mainText(board), /muokattu/, 'saved as a curated version');

  // Removing a theme asks first, and its notes wait unsorted; nothing is lost.
  const coffee = themeOf(board, TOPICS.coffee[0]);
  const coffeeLabel = (await coffee.locator('h2').innerText()).replace(/\s*\(.*\)$/, '');
  await submit(board, 'Poista teema', coffee);
  const ask = board.getByRole('region', { name: /^Poistetaanko teema/ });
  assert.match(await ask.innerText(), new RegExp(`Poistetaanko teema ”${coffeeLabel}”`));
  assert.equal(await themeOf(board, TOPICS.coffee[0]).count(), 1, 'nothing is removed by asking');
  assert.match(await ask.getByRole('button', { name: 'Kyllä, poista teema' }).getAttribute('class'), /danger/);
  await submit(board, 'Kyllä, poista teema', ask);
  assert.equal(new URL(board.url()).hash, '#unsorted');
  const unsorted = board.getByRole('region', { name: /lajittelematon/ });
  for (const note of TOPICS.coffee) {
    assert.equal(await unsorted.getByRole('checkbox', { name: note, exact: true }).count(), 1, `"${note}" waits unsorted`);
  }
  for (const note of Object.values(TOPICS).flat()) {
    assert.equal(await board.getByRole('checkbox', { name: note, exact: true }).count(), 1, `"${note}" is on the page once`);
  }
  assert.equal(themesPath, new URL(board.url()).pathname);

  // The summary: the class dialogue has one phase, so it goes from phase 1 to its summary.
  // The session ends with phase 1: the phones are told and reload, and are checked too.
  await visit(board, processPath);
  const reloads = phones.map((p) => p.page.waitForEvent('load'));
  await submit(board, 'Siirry koosteeseen');
  await Promise.all(reloads);
  for (const p of phones) await audit(p.page);
  await follow(board, 'Kooste', board.getByRole('region', { name: 'Avatut istunnot' }));
  await submit(board, 'Laadi luonnos');
  const save = await primaryOnFirstScreen(board, 'the summary editor');
  assert.equal((await save.innerText()).trim(), 'Tallenna kooste');
  const doc = board.getByRole('article', { name: 'Kooste muokattavana' });
  assert.ok(await doc.getByLabel('Väliotsikko').count() >= 3, 'headings are edited as headings');
  await doc.getByLabel('Kappale 1: Vuorot ja perehdytys').waitFor();
  const next = doc.getByLabel('Kappale 1: Mitä seuraavaksi');
  await next.fill('Käymme vuorolistat läpi\nkesäkuun palaverissa.');
  await doc.getByLabel('Uusi kappale loppuun').fill('Kiitos kaikille.');

  // The preview reads like the published summary; back in the editor every word is there.
  await submit(board, 'Esikatsele');
  await board.getByRole('heading', { level: 1, name: 'Esikatselu: näin kooste luetaan' }).waitFor();
  await board.getByRole('heading', { level: 2, name: 'Vuorot ja perehdytys' }).waitFor();
  const preview = await mainText(board);
  assert.ok(preview.includes('Käymme vuorolistat läpi kesäkuun palaverissa.'), preview);
  assert.ok(preview.includes('Kiitos kaikille.'));
  await primaryOnFirstScreen(board, 'the preview');
  await submit(board, 'Jatka muokkausta');
  assert.equal(await next.inputValue(), 'Käymme vuorolistat läpi\nkesäkuun palaverissa.');
  assert.equal(await doc.getByLabel('Uusi kappale loppuun').inputValue(), 'Kiitos kaikille.');

  // Enter in a heading saves the whole document.
  const first = doc.getByLabel('Väliotsikko').first();
  await tabTo(board, first, 'the first heading');
  await board.keyboard.press('End');
  await board.keyboard.type(' luokassa');
  await pressAndLoad(board, 'Enter');
  assert.equal(await doc.getByLabel('Väliotsikko').first().inputValue(), 'Mitä kuulimme luokassa');
  assert.equal(await doc.getByLabel('Kappale 1: Mitä seuraavaksi').inputValue(), 'Käymme vuorolistat läpi\nkesäkuun palaverissa.');
  assert.equal(await doc.getByLabel('Kappale 2: Mitä seuraavaksi').inputValue(), 'Kiitos kaikille.', 'the new paragraph is saved as the last part');
  assert.ok((await h.closeAll()) > 10);
});
