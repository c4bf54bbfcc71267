// Themes of notes in three languages (issue 11, "Broken today" 2): Finnish notes on two topics
// and a few Swedish and Arabic ones. Before, one "theme" held every Swedish and Arabic note,
// whatever it said, and labels were word forms ("asiakkaan kollegan"). Now every theme holds
// notes of one language with a capitalised heading, and the Swedish and Arabic notes wait per
// language, with their text, for the facilitator to place by hand, without JavaScript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, submit, navigate, audit } from './helpers.mjs';

const h = harness();

const FINNISH = [
  'Kahvihuone on liian pieni, ei mahdu istumaan',
  'Kahvihuoneeseen tarvittais lisää tuoleja',
  'Kahvihuoneen jääkaappi on aina täynnä',
  'Kahvihuone vois olla viihtyisämpi',
  'Tauoilla kahvihuone on ihan tupaten täynnä',
  'Vuorolistat tulee liian myöhään',
  'Vuorolistojen muutokset tulee viime tingassa',
  'Vuorolista pitäis saada kuukautta ennen',
  'Vuorolistojen vaihdot on hankalia sopia',
  'Vuorolistassa ei huomioida toiveita',
];
const SWEDISH = [
  'Kafferummet är för litet för oss alla',
  'Arbetsschemat kommer alltid för sent',
  'Introduktionen av nya tar för lite tid',
];
const ARABIC = ['غرفة القهوة صغيرة جدا', 'جدول العمل يصل متأخرا دائما'];

/** A phone that joins in `lang` (the label of its language) and writes `notes`. */
async function phone(code, who, lang, notes) {
  const p = await h.person(who);
  await visit(p.page, `/join/${code}`);
  await p.page.getByLabel(lang, { exact: true }).check();
  await submit(p.page, 'Liity');
  for (const text of notes) {
    const form = p.page.locator('form[action$="/notes"]');
    await form.getByRole('textbox').fill(text);
    await navigate(p.page, form.locator('button[type="submit"]'));
  }
  return p;
}

test('themes never stand for a language; a few notes of a language wait, per language, to be placed by hand', async () => {
  const { board, code, runPath } = await h.openDemoSession();
  await phone(code, 'osallistuja-fi', 'suomi', FINNISH.slice(0, 5));
  await phone(code, 'osallistuja-fi2', 'suomi', FINNISH.slice(5));
  await phone(code, 'osallistuja-sv', 'svenska', SWEDISH);
  await phone(code, 'osallistuja-ar', 'العربية', ARABIC);

  const process = await board.locator('a[href^="/processes/"]').first().getAttribute('href');
  const lid = runPath.split('/')[2];
  const themes = `${process.match(/^\/processes\/[0-9a-f-]+/)[0]}/themes/session-${lid}`;
  await visit(board, themes);
  await submit(board, 'Ehdota teemoja');

  // Every theme is Finnish, with a heading that starts with a capital.
  const cards = board.locator('section.theme');
  assert.ok((await cards.count()) >= 2, 'the Finnish notes make themes');
  for (const card of await cards.all()) {
    const text = await card.innerText();
    for (const note of [...SWEDISH, ...ARABIC]) assert.ok(!text.includes(note), `${note} is in a theme`);
    const heading = (await card.locator('h2').innerText()).trim();
    assert.match(heading, /^\p{Lu}/u, heading);
  }

  // The Swedish and Arabic notes wait under their language, with their text.
  const unplaced = board.locator('section[aria-labelledby="unsorted"]');
  const swedish = unplaced.locator('ul[aria-labelledby="unplaced-sv"]');
  assert.match(await unplaced.innerText(), /Kieli: ruotsi \(3 muistiinpanoa\)/);
  assert.match(await unplaced.innerText(), /Kieli: arabia \(2 muistiinpanoa\)/);
  for (const note of SWEDISH) await swedish.getByText(note).waitFor();
  const arabic = unplaced.locator('ul[aria-labelledby="unplaced-ar"] label[lang="ar"]');
  assert.equal(await arabic.count(), 2);
  assert.equal(await arabic.first().getAttribute('dir'), 'rtl');

  // The facilitator places the Swedish note on the coffee room into the first theme: its check
  // box, then the theme's own "move the chosen notes here" (a plain form submit).
  await swedish.getByLabel(SWEDISH[0]).check();
  await submit(board, 'Siirrä valitut tähän teemaan', cards.first());
  await board.locator('section.theme').first().getByText(SWEDISH[0]).waitFor();
  assert.match(await unplaced.innerText(), /Kieli: ruotsi \(2 muistiinpanoa\)/);

  const pages = await h.closeAll();
  assert.ok(pages >= 6);
});
