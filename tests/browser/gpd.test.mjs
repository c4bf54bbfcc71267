// A whole Good Practices Dialogue (Hyvien käytäntöjen dialogit) in the browser, in Finnish, from
// the order to the published summary, with feedback at every phase:
//
// - the orderer (a supervisor) orders it, the coordinator assigns a facilitator, the two agree
//   the plan (a reflection session for phase 1 and a practices session for phase 2);
// - phase 1: four participants join from their phones and write what works and what to develop
//   (two also write a note in Swedish and in Arabic, placed by hand), a fifth listens; all five give feedback at the end of the session (results show from five);
// - the facilitator gets themes proposed from the notes, names one, and turns the themes into the
//   tables of phase 2's learning café in one step;
// - phase 2: the phones see how phase 1 was felt (the feedback is discussed), sit at the theme
//   tables and record practices; they give feedback again;
// - the orderer follows the practices up, drafts the summary from the themes, practices and
//   feedback, edits it, sends it to the participants, who read it (their own notes marked) and
//   comment; the orderer publishes it, exports it and closes the process.
//
// Every form is a plain form submit and every page any person opens is checked with axe-core.
// The steps build on each other; a step whose starting point is missing is skipped and says why,
// so the first failure is the one to read.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launchBrowser,
  newPerson,
  personLoggedIn,
  visit,
  follow,
  navigate,
  submit,
  audit,
  mainText,
  processState,
  pathOf,
} from './helpers.mjs';

const COMMUNITY = 'Kotihoidon yötiimi';
const METHOD = 'Hyvien käytäntöjen dialogit';
const FACILITATOR = 'Fanni Fasilitaattori';
const SESSION_1 = 'Mikä meillä toimii';
const SESSION_2 = 'Käytännöt pöydissä';
const STEP_TIMEOUT = 240_000;

// What the four phones write in phase 1: three clearly different topics in everyday Finnish,
// so that the themes proposed from them are the three topics.
const NOTES = [
  ['Uuden työntekijän perehdytys on meillä hyvä, aina on nimetty perehdyttäjä', 'Perehdytyskansio pitäisi päivittää, siinä on vanhoja ohjeita', 'Uusi työntekijä pääsee parin kanssa käynneille ennen yksin menoa'],
  ['Työvuorolistat tulee liian myöhään, ei voi suunnitella vapaita', 'Vuorotoiveet huomioidaan hyvin työvuorolistassa', 'Yövuorojen jälkeen pitäisi olla aina kaksi vapaata'],
  ['Autojen varaus sujuu hyvin sähköisellä kalenterilla', 'Autot on usein likaisia ja tankkaamatta vuoron alussa', 'Autojen talvirenkaat vaihdetaan aina ajoissa, hyvä juttu'],
  ['Perehdyttäjälle pitäisi varata aikaa perehdytykseen', 'Työvuorolistan vaihdot sovitaan reilusti keskenään', 'Auton avaimet katoaa, tarvitaan avainkaappi'],
];
// Not everyone writes in Finnish: a bilingual participant writes one note in Swedish, another
// one in Arabic. Too few for themes of their own, they must not become a theme of "the Swedish
// notes"; the facilitator places them by hand.
const SWEDISH = { phone: 1, text: 'Arbetsschemat kommer alltid för sent, vi kan inte planera ledigt' };
const ARABIC = { phone: 2, text: 'جدول العمل يصل متأخرا دائما' };

/** The phone that shows its name; the others stay anonymous. */
const NAMED = { index: 0, name: 'Riikka' };

let server;
let browser;
/** People by key, each in their own browser context; closed at the end. */
const people = {};
/** The participants' phones, in joining order. */
const phones = [];
/** What the steps hand on to the next ones. */
const story = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const p of [...Object.values(people), ...phones]) await p.context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

function needs(t, ...keys) {
  const missing = keys.filter((k) => story[k] === undefined);
  if (missing.length === 0) return true;
  t.skip(`an earlier step failed, so there is no ${missing.join(', ')}`);
  return false;
}

async function person(key, email) {
  if (!people[key]) people[key] = await personLoggedIn(browser, server.url, email);
  return people[key].page;
}

const orderer = () => person('orderer', 'tilaaja@demo.vuoro.fi');
const facilitator = () => person('fac', 'fasilitaattori@demo.vuoro.fi');

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function expectState(page, expected, what) {
  const state = await processState(page);
  assert.equal(state, expected, `${what}: the process page shows the state "${state}", not "${expected}"`);
}

/**
 * Does something that makes the server tell every phone to reload (the stage moves, a form
 * opens, the café seats change), waits for those reloads and checks each page with axe.
 */
async function phonesFollow(action) {
  const reloads = phones.map((p) => p.page.waitForEvent('load'));
  await action();
  await Promise.all(reloads);
  for (const p of phones) await audit(p.page);
}

/** Every phone answers the feedback form: "I was heard" 3, 4, 5, 3, 4, and one open answer. */
async function giveFeedback(phase) {
  for (const [i, p] of phones.entries()) {
    const page = p.page;
    await page.getByRole('group', { name: 'Minua kuultiin.' }).getByLabel(String(3 + (i % 3))).check();
    if (i === 1) await page.getByLabel('Mitä muuta haluat sanoa?').fill(`Vaiheen ${phase} palaute: hyvä kun kaikki pääsivät ääneen`);
    await submit(page, 'Lähetä palaute');
    assert.match(await mainText(page), /Kiitos palautteesta!/, `phone ${i + 1} should thank for the feedback in phase ${phase}`);
  }
}

/** The facilitator collects the feedback of the open session and closes the session. */
async function feedbackAndClose(board, phase) {
  await phonesFollow(() => submit(board, 'Avaa palautelomake'));
  await giveFeedback(phase);
  // Closing is final, so the runner asks first: the button is inside a disclosure.
  await board.locator('summary', { hasText: 'Sulje palautelomake' }).click();
  assert.match(await mainText(board), /Sulkeminen on lopullista/);
  await phonesFollow(() => submit(board, 'Sulje palautelomake lopullisesti'));
  assert.equal(await board.getByRole('button', { name: 'Avaa palautelomake', exact: true }).count(), 0, 'a closed form is not reopened');
  await follow(board, /Palautteen tulokset/);
  const results = await mainText(board);
  assert.match(results, /Keskiarvo 3,8 \/ 5/, `the results of phase ${phase} should average the five answers 3, 4, 5, 3, 4: ${results}`);
  assert.match(results, new RegExp(`Vaiheen ${phase} palaute`), 'the open answer should be among the results');
  await board.goBack();
  await audit(board);
  // Ending a session asks first (a disclosure, so it works without JavaScript).
  await board.locator('summary', { hasText: 'Päätä istunto…' }).click();
  await phonesFollow(() => submit(board, 'Päätä istunto'));
  for (const p of phones) assert.match(await mainText(p.page), /Keskustelu on päättynyt/);
}

describe('a Good Practices Dialogue from order to published summary (suomeksi)', () => {
  test('1. the supervisor orders the dialogue and the coordinator assigns a facilitator', { timeout: STEP_TIMEOUT }, async () => {
    const page = await orderer();
    await follow(page, 'Tilaa dialogi');
    await page.getByLabel(/^Työyhteisö tai ryhmä/).fill(COMMUNITY);
    await page.getByLabel(/^Miksi nyt/).fill('Yötiimiin on tullut paljon uusia ja käytännöt vaihtelevat.');
    await page.getByLabel(/^Mitä toivotte dialogin tuovan/).fill('Yhteiset hyvät käytännöt yövuoroihin.');
    await page.getByLabel(/^Aikataulu/).fill('Tammi–helmikuu 2027');
    await page.getByLabel(/^Osallistujien määrä/).fill('4');
    await page.getByRole('group', { name: /^Keitä osallistujat ovat/ }).getByLabel('Henkilöstö').check();
    await page.getByRole('group', { name: /^Toteutustapa/ }).getByLabel('Kasvokkain').check();
    await page.getByRole('group', { name: /^Menetelmä/ }).getByLabel(METHOD).check();
    await submit(page, 'Lähetä tilaus');
    assert.match(pathOf(page), /^\/processes\/[^/]+$/, `the order should lead to the process page, not ${pathOf(page)}`);
    await expectState(page, 'Tilattu', 'a new order');
    story.processPath = pathOf(page);

    const coord = await person('coord', 'koordinaattori@demo.vuoro.fi');
    await follow(coord, 'Tilausjono');
    await follow(coord, COMMUNITY);
    const region = coord.getByRole('region', { name: 'Mitä seuraavaksi' });
    await region.getByLabel(/^Fasilitaattori/).selectOption({ label: FACILITATOR });
    await submit(coord, 'Osoita fasilitaattori', region);
    assert.match(await textOf(coord.getByRole('region', { name: 'Henkilöt' })), new RegExp(`Fasilitaattori ${FACILITATOR}`));
    story.assigned = true;
  });

  test('2. the facilitator and the supervisor agree the plan: a session for each phase', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'assigned')) return;
    const page = await facilitator();
    await visit(page, story.processPath);
    // The order was offered to them: they take it on first.
    await submit(page, 'Otan tilauksen vastaan');
    await follow(page, 'Muokkaa suunnitelmaa');
    await page.getByLabel(/^Ketä kutsutaan/).fill('Koko yötiimi');
    await page.getByLabel(/^Miten kirjataan/).fill('Osallistujat kirjaavat itse puhelimella, ilman nimiä');
    await submit(page, 'Tallenna');
    await follow(page, 'Muokkaa suunnitelmaa');
    for (const s of [
      { title: SESSION_1, phase: 'Osio 1', date: '2027-01-20' },
      { title: SESSION_2, phase: 'Osio 2', date: '2027-02-10' },
    ]) {
      const r = page.getByRole('region', { name: 'Istunnot' });
      await r.getByLabel(/^Istunnon nimi/).fill(s.title);
      await r.getByLabel(/^Osio/).selectOption({ label: s.phase });
      await r.getByLabel(/^Päivä/).fill(s.date);
      await r.getByLabel(/^Alkaa/).fill('13:00');
      await r.getByLabel(/^Päättyy/).fill('15:00');
      await r.getByRole('group', { name: /^Toteutustapa/ }).getByLabel('Kasvokkain').check();
      await r.getByLabel(/^Paikka/).fill('Kotihoidon toimisto, neuvotteluhuone');
      await submit(page, 'Lisää istunto', r);
    }
    await visit(page, story.processPath);
    const approve = page.getByRole('button', { name: /^Hyväksy suunnitelma \(versio \d+\)$/ });
    const label = await approve.innerText();
    await submit(page, label);

    const o = await orderer();
    await visit(o, story.processPath);
    await submit(o, label);

    await visit(page, story.processPath);
    await submit(page, 'Vahvista sopimus');
    await expectState(page, 'Sovittu', 'after "Vahvista sopimus"');
    story.agreed = true;
  });

  test('3. phase 1: four phones write what works and what to develop, and five give feedback', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'agreed')) return;
    const board = await facilitator();
    await visit(board, story.processPath);
    await submit(board, 'Aloita osio 1');
    await expectState(board, 'Osio 1', 'after "Aloita osio 1"');
    await submit(board, `Avaa istunto: ${SESSION_1}`);
    const code = (await board.locator('.join-box .code').innerText()).replace(/\s/g, '');
    story.run1 = pathOf(board);

    // One phone more than write: a participant who only listens, and whose feedback makes the
    // five answers that results need before they show.
    for (let i = 0; i <= NOTES.length; i++) {
      const p = await newPerson(browser, server.url, `puhelin-${i + 1}`);
      phones.push(p);
      await visit(p.page, '/join');
      await p.page.getByLabel('Koodi').fill(code);
      await submit(p.page, 'Jatka');
      if (i === NAMED.index) {
        await p.page.getByLabel('Haluan näyttää nimeni').check();
        await p.page.getByLabel('Nimi', { exact: true }).fill(NAMED.name);
      }
      await submit(p.page, 'Liity');
    }
    assert.match(await mainText(phones[NAMED.index].page), new RegExp(`Nimesi näkyy: ${NAMED.name}`));

    // The reflection questions of the method, one stage at a time; each phone writes one note
    // in each of the first stages that ask something.
    await phonesFollow(() => submit(board, 'Seuraava'));
    const question = await phones[0].page.locator('#question').innerText();
    assert.match(question, /\S/, 'the phones show the stage\'s question');
    for (let round = 0; round < 3; round++) {
      for (const [i, p] of phones.slice(0, NOTES.length).entries()) {
        await p.page.getByLabel('Sinun ajatuksesi').fill(NOTES[i][round]);
        await submit(p.page, 'Lähetä');
      }
    }
    for (const { phone, text } of [SWEDISH, ARABIC]) {
      await phones[phone].page.getByLabel('Sinun ajatuksesi').fill(text);
      await submit(phones[phone].page, 'Lähetä');
    }
    for (const notes of [...NOTES, [SWEDISH.text, ARABIC.text]]) {
      for (const n of notes) await board.locator('#board').getByText(n, { exact: true }).waitFor();
    }
    assert.equal(await board.locator('#board .note-name').count(), NOTES[NAMED.index].length, 'only the named phone\'s notes carry a name');

    await feedbackAndClose(board, 1);
    story.phase1 = true;
  });

  test('4. themes from phase 1 become the tables of phase 2', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'phase1')) return;
    const page = await facilitator();
    await visit(page, story.processPath);
    await follow(page, 'Teemat: mistä muistiinpanoissa puhuttiin');
    await follow(page, 'Osio 1', page.getByRole('navigation', { name: 'Mistä muistiinpanoista' }));
    assert.match(await mainText(page), /14 muistiinpanoa/, 'part 1 has fourteen notes');
    await submit(page, 'Ehdota teemoja');
    const themes = page.locator('section.theme');
    const count = await themes.count();
    assert.equal(count, 3, `three topics should give three themes, not ${count}`);
    for (const [topic, note] of [['induction', NOTES[0][0]], ['shifts', NOTES[1][0]], ['cars', NOTES[2][0]]]) {
      const theme = themes.filter({ hasText: note });
      assert.equal(await theme.count(), 1, `the ${topic} note belongs to one theme`);
      assert.match(await theme.locator('h2').innerText(), /\(4 muistiinpanoa\)/, `the ${topic} theme gathers its four notes`);
    }
    // The Swedish and the Arabic note are in no theme: they wait, per language, to be placed.
    for (const { text } of [SWEDISH, ARABIC]) {
      assert.equal(await themes.filter({ hasText: text }).count(), 0, `no theme holds "${text}"`);
    }
    const unplaced = page.getByRole('region', { name: /lajittelemat/ });
    const waiting = await textOf(unplaced);
    assert.match(waiting, /Kieli: ruotsi/, `the Swedish note waits under its language: ${waiting}`);
    assert.match(waiting, /Kieli: arabia/, `the Arabic note waits under its language: ${waiting}`);
    assert.equal(await unplaced.locator('[lang="ar"][dir="rtl"]', { hasText: ARABIC.text }).count(), 1, 'the Arabic note reads right to left');

    // The theme with the shift-list notes takes the Swedish note on the same topic by hand, and
    // gets a name of the facilitator's own.
    const shifts = themes.filter({ hasText: 'Työvuorolistat tulee liian myöhään' });
    assert.equal(await shifts.count(), 1, 'the shift-list note belongs to one theme');
    await page.getByLabel(SWEDISH.text).check();
    await submit(page, 'Siirrä valitut tähän teemaan', shifts);
    assert.match(await shifts.locator('h2').innerText(), /\(5 muistiinpanoa\)/, 'the Swedish note joined the shift-list theme');
    await shifts.getByLabel('Teeman nimi').fill('Työvuorot ja vapaat');
    await submit(page, 'Nimeä', shifts);
    await page.getByRole('heading', { level: 2, name: /^Työvuorot ja vapaat/ }).waitFor();
    assert.match(await mainText(page), /muokattu/, 'the renamed set is marked as curated');
    story.themeCount = await page.locator('section.theme').count();
    t.diagnostic(`themes proposed: ${(await page.locator('section.theme h2').allInnerTexts()).join(' | ')}`);
    story.themesPath = pathOf(page);

    // Phase 2 starts; the themes page's primary action, at its top, takes the themes to the
    // phase 2 session, which opens with them as its café tables.
    await visit(page, story.processPath);
    await submit(page, 'Aloita osio 2');
    await expectState(page, 'Osio 2', 'after "Aloita osio 2"');
    await visit(page, story.themesPath);
    const primary = page.locator('main .primary');
    assert.equal(await primary.count(), 1, 'the themes page has one primary action');
    assert.equal((await primary.innerText()).trim(), 'Vie istuntoon', 'the way on to part 2 is the primary action');
    const toSession = page.getByRole('region', { name: 'Teemoista osion 2 työskentelyyn' });
    await toSession.getByLabel('Istunto', { exact: true }).selectOption({ label: `${SESSION_2} (avataan nyt)` });
    await toSession.getByLabel('Learning café -pöydät').check();
    await submit(page, 'Vie istuntoon', toSession);
    story.run2 = pathOf(page);
    story.code2 = (await page.locator('.join-box .code').innerText()).replace(/\s/g, '');
    const cafe = page.getByRole('region', { name: 'Learning café' });
    assert.match(await textOf(cafe), /Työvuorot ja vapaat/, 'the renamed theme is one of the café tables');
    story.cafe = true;
  });

  test('5. phase 2: phones see how phase 1 was felt, sit at theme tables, record practices and give feedback', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'cafe', 'code2')) return;
    const board = await facilitator();
    await visit(board, story.run2);
    // The same phones join the new session with its code; they are the same participants.
    for (const p of phones) {
      await visit(p.page, `/join/${story.code2}`);
      if (new URL(p.page.url()).pathname.startsWith('/join')) await submit(p.page, 'Liity');
    }

    // The feedback of phase 1 is shown to the participants, to be discussed.
    await phonesFollow(() => submit(board, 'Näytä edellisen istunnon palaute osallistujille'));
    for (const p of phones) {
      const text = await mainText(p.page);
      assert.match(text, /Näin edellinen tapaaminen koettiin/, 'the phones show the previous session\'s feedback');
      assert.match(text, /3,8 \/ 5 \(5 vastausta\)/, 'with its average, in Finnish figures and words');
    }

    const cafe = board.getByRole('region', { name: 'Learning café' });
    await phonesFollow(() => submit(board, 'Aloita kierros 1', cafe));
    const practices = [
      ['keep', 'Nimetty perehdyttäjä jokaiselle uudelle', 'tiimivastaava'],
      ['develop', 'Työvuorolista julki kuusi viikkoa etukäteen', 'esihenkilö'],
      ['develop', 'Auto tankataan ja siivotaan oman vuoron lopuksi', ''],
    ];
    for (const [i, p] of phones.entries()) {
      assert.match(await p.page.locator('#my-table').innerText(), /Mene pöytään [A-Z]/, `phone ${i + 1} shows its table`);
    }
    for (const [i, [kind, title, owner]] of practices.entries()) {
      const page = phones[i].page;
      const form = page.getByRole('region', { name: 'Kirjatkaa sovittu käytäntö' });
      await form.getByLabel(kind === 'keep' ? 'Pidämme yllä ja vahvistamme' : 'Kehitämme').check();
      await form.getByLabel('Käytäntö', { exact: true }).fill(title);
      if (owner) await form.getByLabel('Kuka vie eteenpäin').fill(owner);
      await form.getByLabel('Mihin mennessä').fill('2027-04-30');
      await submit(page, 'Kirjaa käytäntö', form);
      await page.getByRole('region', { name: 'Kirjatkaa sovittu käytäntö' }).getByText(title).waitFor();
    }
    // The café ends explicitly: no phone sends anyone to a table after it.
    await visit(board, story.run2);
    await phonesFollow(() => submit(board, 'Päätä learning café', board.getByRole('region', { name: 'Learning café' })));
    for (const [i, p] of phones.entries()) {
      assert.equal(await p.page.locator('#my-table').count(), 0, `phone ${i + 1} shows no table after the café`);
      assert.match(await mainText(p.page), /Learning café on päättynyt/);
    }

    await feedbackAndClose(board, 2);
    story.practices = practices;
  });

  test('6. the process page shows feedback per phase; the supervisor follows up the practices', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'practices')) return;
    const page = await orderer();
    await visit(page, story.processPath);
    const feedback = await textOf(page.getByRole('region', { name: 'Palaute osioittain' }));
    assert.match(feedback, /Osio 1 · 5 vastausta/, `phase 1's feedback on the process page: ${feedback}`);
    assert.match(feedback, /Osio 2 · 5 vastausta/, `phase 2's feedback on the process page: ${feedback}`);

    await follow(page, 'Käytännöt ja niiden seuranta');
    const keep = await textOf(page.getByRole('region', { name: 'Pidämme yllä ja vahvistamme' }));
    const develop = await textOf(page.getByRole('region', { name: 'Kehitämme' }));
    assert.match(keep, /Nimetty perehdyttäjä jokaiselle uudelle/);
    assert.match(keep, /Vie eteenpäin: tiimivastaava/);
    assert.match(develop, /Työvuorolista julki kuusi viikkoa etukäteen/);
    assert.match(develop, /Vastuuhenkilöä ei ole nimetty/, 'the practice without an owner says so');
    assert.match(develop, /Ryhmä: /, 'each practice names its table as the group');
    assert.ok(!keep.includes(NAMED.name) && !develop.includes(NAMED.name), 'practices name no participant');
    const item = page.locator('li.practice').filter({ hasText: 'Työvuorolista julki' });
    await item.getByLabel('Tila').selectOption({ label: 'käynnissä' });
    await submit(page, 'Päivitä', item);
    assert.match(await textOf(page.locator('li.practice').filter({ hasText: 'Työvuorolista julki' })), /käynnissä/);
    story.followed = true;
  });

  test('7. the summary: drafted, edited, read and commented on by the participants, published', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'followed')) return;
    const fac = await facilitator();
    await visit(fac, story.processPath);
    await submit(fac, 'Siirry koosteeseen');
    await expectState(fac, 'Kooste', 'after "Siirry koosteeseen"');

    const page = await orderer();
    await visit(page, story.processPath);
    await follow(page, 'Kooste', page.getByRole('region', { name: 'Avatut istunnot' }));
    await submit(page, 'Laadi luonnos');
    const form = page.locator('form.summary-edit');
    const values = (await form.locator('input[name^="b"], textarea[name^="b"]').evaluateAll((els) => els.map((e) => e.value))).join('\n');
    for (const want of ['Mitä kuulimme', 'Työvuorot ja vapaat', 'Sovitut käytännöt', 'Työvuorolista julki kuusi viikkoa etukäteen', 'Palaute', 'Mitä seuraavaksi']) {
      assert.ok(values.includes(want), `the draft should contain "${want}":\n${values}`);
    }
    assert.ok(!values.includes(NAMED.name), 'the draft names no participant');

    // The supervisor writes what happens next, and sees what a statement rests on.
    const next = 'Käymme käytännöt läpi tiimipalaverissa maaliskuussa.';
    await form.getByLabel('Uusi kappale loppuun').fill(next);
    await submit(page, 'Tallenna kooste');
    const saved = await page.locator('form.summary-edit').locator('textarea').evaluateAll((els) => els.map((e) => e.value));
    assert.ok(saved.includes(next), 'the new paragraph is saved as a block of the summary');
    await navigate(page, page.locator('form.summary-edit').getByRole('link', { name: /^\d+ lähdemuistiinpanoa?$/ }).first());
    await page.getByRole('heading', { level: 1, name: 'Mihin tämä perustuu' }).waitFor();
    const sources = await mainText(page);
    assert.ok(NOTES.flat().some((n) => sources.includes(n)), 'the sources page lists the notes the statement rests on');
    await follow(page, 'Takaisin koosteeseen');

    await submit(page, 'Lähetä osallistujien kommentoitavaksi');
    assert.match(await mainText(page), /osallistujien kommentoitavana/);

    // A participant opens the summary from the phone's page and comments.
    const phone = phones[1].page;
    await visit(phone, story.run2.replace('/run', ''));
    await follow(phone, 'Lue kooste: mitä kuulimme');
    assert.match(await mainText(phone), /Tämä on luonnos/);
    assert.ok((await mainText(phone)).includes(next), 'the participant reads the edited summary');
    assert.ok((await phone.locator('.sources li strong').count()) >= 1, 'the participant\'s own notes are marked as theirs');
    await phone.getByLabel('Kommenttisi').fill('Autojen siisteys puuttuu koosteesta');
    await submit(phone, 'Lähetä kommentti');
    assert.match(await mainText(phone), /Kiitos! Kommenttisi on lähetetty\./);

    await visit(page, pathOf(page));
    const comments = await textOf(page.getByRole('region', { name: /kommentti/ }));
    assert.match(comments, /Autojen siisteys puuttuu koosteesta/, 'the supervisor reads the comment');
    assert.ok(!comments.includes(NAMED.name), 'comments name no one');
    await submit(page, 'Julkaise osallistujille');
    assert.match(await mainText(page), /julkaistu/);

    await visit(phone, pathOf(phone));
    const published = await mainText(phone);
    assert.ok(!/Tämä on luonnos/.test(published), 'the published summary is no longer a draft');
    assert.equal(await phone.getByLabel('Kommenttisi').count(), 0, 'a published summary takes no more comments');
    assert.ok(published.includes(next));

    // The rest of the work community, who never joined a session, read it through its link.
    await follow(page, 'Jaa kooste koko työyhteisölle linkillä ja QR-koodilla');
    await submit(page, 'Tee linkki ja QR-koodi');
    const link = await page.getByLabel('Koosteen linkki').inputValue();
    people.colleague = await newPerson(browser, server.url, 'työkaveri');
    await visit(people.colleague.page, link);
    const shared = await mainText(people.colleague.page);
    assert.ok(shared.includes(next), 'a colleague who never joined reads the summary through its link');
    assert.ok(!shared.includes(NAMED.name), 'the shared summary names no participant');

    // The Markdown export carries the summary and names no one.
    const md = await people.orderer.context.request.get(`${story.processPath}/summary.md`);
    assert.equal(md.status(), 200);
    const text = await md.text();
    assert.ok(text.includes(next) && text.includes('Työvuorot ja vapaat'), 'the Markdown export has the published summary');
    assert.ok(!text.includes(NAMED.name), 'the export names no participant');
    story.published = true;
  });

  test('8. the supervisor closes the process', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'published')) return;
    const page = await orderer();
    await visit(page, story.processPath);
    await submit(page, 'Päätä prosessi');
    // Closing asks first, on a page of its own.
    await submit(page, 'Kyllä, päätä prosessi');
    await expectState(page, 'Päättynyt', 'after "Päätä prosessi"');
    // Practices can still be followed up after closing.
    await follow(page, 'Käytännöt ja niiden seuranta');
    const item = page.locator('li.practice').filter({ hasText: 'Nimetty perehdyttäjä' });
    await item.getByLabel('Tila').selectOption({ label: 'tehty' });
    await submit(page, 'Päivitä', item);
    assert.match(await textOf(page.locator('li.practice').filter({ hasText: 'Nimetty perehdyttäjä' })), /tehty/);
  });
});

test('every page opened was checked with axe', async (t) => {
  const problems = [];
  let pages = 0;
  for (const p of [...Object.values(people), ...phones.splice(0)]) {
    try {
      pages += await p.close();
    } catch (e) {
      problems.push(e.message);
    }
  }
  for (const k of Object.keys(people)) delete people[k];
  t.diagnostic(`${pages} pages were checked with axe-core`);
  assert.deepEqual(problems, []);
  assert.ok(pages > 60, `only ${pages} pages were checked`);
});
