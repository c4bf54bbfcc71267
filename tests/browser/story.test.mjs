// The whole flow of a dialogue process in the browser, in Finnish (the default interface), as
// each person sees it: the admin invites a facilitator, an orderer orders a dialogue, the
// coordinator assigns the facilitator, the facilitator plans it with the orderer, runs the
// phases and the orderer closes it. Then what each role may not see, and the language switch.
// Every form is sent as a plain form submit; every page opened is checked with axe-core.
//
// The steps build on each other (the process ordered in step 2 is planned in step 4). A step
// whose starting point is missing because an earlier step failed is skipped with a note saying
// which, so the first failure is the one to read.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  startServer,
  launchBrowser,
  newPerson,
  personLoggedIn,
  logIn,
  visit,
  follow,
  submit,
  submitWithoutBrowserChecks,
  navigate,
  description,
  mainText,
  processState,
  pathOf,
} from './helpers.mjs';

const ORG = 'Esimerkkilän kaupunki';
const NEW_UNIT = 'Nuorisopalvelut';
const NEW_FAC = {
  email: 'uusi.fasilitaattori@demo.vuoro.fi',
  name: 'Ulla Uusitalo',
  password: 'pitkä ja hyvä salasana 2026',
};
const COMMUNITY = 'Nuorisotalon työyhteisö';
const METHOD = 'Hyvien käytäntöjen dialogit';
const SESSION_1 = 'Pohdinta kasvokkain';
const SESSION_2 = 'Käytännöt verkossa';
const NEW_QUESTION = 'Mitä opimme viime syksyn muutoksesta?';
const STEP_TIMEOUT = 180_000;

let server;
let browser;
/** People by role, each in their own browser context; closed at the end. */
const people = {};
/** What the steps hand on to the next ones. */
const story = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const p of Object.values(people)) await p.context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

/** Skips the test (and says why) unless the earlier steps left what it needs. */
function needs(t, ...keys) {
  const missing = keys.filter((k) => story[k] === undefined);
  if (missing.length === 0) return true;
  t.skip(`an earlier step failed, so there is no ${missing.join(', ')}`);
  return false;
}

async function person(key, email, password) {
  if (!people[key]) people[key] = await personLoggedIn(browser, server.url, email, password);
  return people[key];
}

/** The facilitator of the story: the one invited in step 1, or the demo one if that failed. */
async function facilitator() {
  if (story.newFacilitatorReady) return person('newFac', NEW_FAC.email, NEW_FAC.password);
  return person('fac', 'fasilitaattori@demo.vuoro.fi');
}

async function expectState(page, expected, what) {
  const state = await processState(page);
  assert.equal(state, expected, `${what}: the process page shows the state "${state}", not "${expected}"`);
}

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

describe('a dialogue process from order to closing (suomeksi)', () => {
  test('1. the admin adds a unit and invites a facilitator, who sets up an account', { timeout: STEP_TIMEOUT }, async () => {
    const admin = await person('admin', 'admin@demo.vuoro.fi');
    const { page } = admin;

    await follow(page, 'Organisaatiot', page.getByRole('navigation', { name: 'Päävalikko' }));
    assert.equal(pathOf(page), '/admin/orgs', 'the "Organisaatiot" link should lead to /admin/orgs');
    await page.getByRole('heading', { level: 1, name: 'Organisaatiot' }).waitFor();
    await follow(page, ORG);
    await page.getByRole('heading', { level: 1, name: ORG }).waitFor();
    story.orgPath = pathOf(page);

    // A unit.
    const units = page.getByRole('region', { name: 'Yksiköt' });
    await units.getByLabel(/^Yksikön nimi/).fill(NEW_UNIT);
    await submit(page, 'Lisää yksikkö', units);
    assert.ok(
      (await page.getByRole('region', { name: 'Yksiköt' }).getByRole('listitem').allInnerTexts()).includes(NEW_UNIT),
      `after "Lisää yksikkö" the unit "${NEW_UNIT}" should be listed under "Yksiköt"`,
    );

    // An invitation.
    const invite = page.getByRole('region', { name: 'Kutsu henkilöstöä' });
    await invite.getByLabel(/^Sähköposti/).fill(NEW_FAC.email);
    await invite.getByRole('group', { name: /^Roolit/ }).getByLabel('Fasilitaattori', { exact: true }).check();
    await submit(page, 'Luo kutsu', invite);
    const notice = page.getByRole('status').filter({ hasText: 'Kutsu on luotu' });
    assert.equal(await notice.count(), 1, 'after "Luo kutsu" the page should say "Kutsu on luotu" and show the link');
    const link = (await notice.locator('code').innerText()).trim();
    assert.match(link, /^\/invite\/[0-9a-f]{64}$/, `the invitation link shown is "${link}"`);
    const invitations = page.getByRole('table', { name: 'Kutsut' });
    assert.match(await textOf(invitations), new RegExp(`${NEW_FAC.email} Fasilitaattori Odottaa`), 'the new invitation should be listed as "Odottaa"');

    // The invited person opens the link in their own browser.
    const guest = await newPerson(browser, server.url, 'kutsuttu');
    people.guest = guest;
    const g = guest.page;
    await visit(g, link);
    await g.getByRole('heading', { level: 1, name: 'Kutsu vuoroon' }).waitFor();
    assert.match(await mainText(g), new RegExp(`Tunnuksesi on sähköpostiosoite ${NEW_FAC.email.replace(/\./g, '\\.')}`));
    await g.getByLabel(/^Nimi/).fill(NEW_FAC.name);
    await g.getByLabel(/^Uusi salasana/).fill('lyhyt');
    await submit(g, 'Hyväksy kutsu');
    const pw = g.getByLabel(/^Uusi salasana/);
    assert.equal(await pw.getAttribute('aria-invalid'), 'true', 'a too short password should be marked invalid');
    assert.match(await description(pw), /Vähintään 10 merkkiä/, 'a too short password should say "Vähintään 10 merkkiä"');
    assert.equal(await g.getByLabel(/^Nimi/).inputValue(), NEW_FAC.name, 'the name typed should still be in its field');
    await pw.fill(NEW_FAC.password);
    await submit(g, 'Hyväksy kutsu');
    assert.equal(pathOf(g), '/login?welcome=1', 'accepting the invitation should lead to the log-in page');
    assert.match(await textOf(g.getByRole('status')), /Tunnuksesi on valmis/);
    await logIn(g, NEW_FAC.email, NEW_FAC.password);
    const card = g.getByRole('region', { name: ORG });
    assert.match(await textOf(card), /Roolisi: Fasilitaattori/, 'the new facilitator should see their role in the organisation');
    people.newFac = guest;
    delete people.guest;

    // The link works once.
    const again = await newPerson(browser, server.url, 'kutsulinkki uudelleen');
    people.again = again;
    const res = await visit(again.page, link);
    assert.equal(res.status(), 400, 'a used invitation link should be refused');
    assert.match(await mainText(again.page), /Kutsulinkki on jo käytetty tai vanhentunut\./);
    story.newFacilitatorReady = true;

    // The admin sees the invitation accepted and the person among the staff.
    await visit(page, story.orgPath);
    assert.match(await textOf(page.getByRole('table', { name: 'Kutsut' })), new RegExp(`${NEW_FAC.email} Fasilitaattori Hyväksytty`));
    await page.getByRole('region', { name: 'Henkilöstö ja roolit' }).getByRole('group', { name: new RegExp(NEW_FAC.name) }).waitFor();
  });

  test('2. the orderer orders a dialogue; a refused form keeps what was typed', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = await person('orderer', 'tilaaja@demo.vuoro.fi');
    await visit(page, '/');
    await follow(page, 'Tilaa dialogi');
    await page.getByRole('heading', { level: 1, name: 'Tilaa dialogiprosessi' }).waitFor();

    const community = page.getByLabel(/^Työyhteisö tai ryhmä/);
    // The browser itself stops an empty form first.
    const before = page.url();
    await page.getByRole('button', { name: 'Lähetä tilaus' }).click();
    assert.equal(page.url(), before, 'an empty order form should not be sent');
    assert.equal(await community.evaluate((el) => el.validity.valueMissing), true, 'the browser should flag the empty community field');

    // Without the browser's checks the server refuses it with translated messages.
    await submitWithoutBrowserChecks(page, 'Lähetä tilaus');
    assert.match(await textOf(page.getByRole('alert')), /Lomakkeessa on virheitä/, 'the refused form should say "Lomakkeessa on virheitä"');
    assert.equal(await community.getAttribute('aria-invalid'), 'true');
    assert.match(await description(community), /Tämä tieto tarvitaan\./, 'the empty community field should say "Tämä tieto tarvitaan."');
    assert.match(await description(page.getByRole('group', { name: /^Menetelmä/ })), /Tämä tieto tarvitaan\./, 'the method choice should say it is needed');
    assert.match(await description(page.getByRole('group', { name: /^Keitä osallistujat ovat/ })), /Tämä tieto tarvitaan\./);

    // Partly filled: what was typed is still there.
    await community.fill(COMMUNITY);
    await page.getByLabel(/^Miksi nyt/).fill('Nuorisotalon aukioloajat muuttuvat ensi vuonna.');
    await submitWithoutBrowserChecks(page, 'Lähetä tilaus');
    assert.equal(await community.inputValue(), COMMUNITY, 'the community name typed should still be in its field after a refused submit');
    assert.equal(await page.getByLabel(/^Miksi nyt/).inputValue(), 'Nuorisotalon aukioloajat muuttuvat ensi vuonna.');
    assert.equal(await community.getAttribute('aria-invalid'), null, 'a filled field should no longer be marked invalid');
    assert.match(await description(page.getByLabel(/^Aikataulu/)), /Tämä tieto tarvitaan\./);
    assert.equal(await page.getByRole('group', { name: /^Osallistujien kielet/ }).getByLabel('suomi').isChecked(), true, 'the default language choice should be kept');

    // Everything.
    const unit = page.getByLabel(/^Yksikkö/);
    const unitOptions = await unit.locator('option').allInnerTexts();
    await unit.selectOption({ label: unitOptions.includes(NEW_UNIT) ? NEW_UNIT : 'Kasvatus ja koulutus' });
    await page.getByLabel(/^Mitä toivotte dialogin tuovan/).fill('Yhteiset pelisäännöt ja hyvät käytännöt uuteen arkeen.');
    await page.getByLabel(/^Aikataulu/).fill('Syys–lokakuu 2027');
    await page.getByLabel(/^Osallistujien määrä/).fill('12');
    await page.getByRole('group', { name: /^Keitä osallistujat ovat/ }).getByLabel('Henkilöstö').check();
    await page.getByRole('group', { name: /^Osallistujien kielet/ }).getByLabel('ruotsi').check();
    await page.getByRole('group', { name: /^Toteutustapa/ }).getByLabel('Kasvokkain').check();
    await page.getByRole('group', { name: /^Menetelmä/ }).getByLabel(METHOD).check();
    await submit(page, 'Lähetä tilaus');

    assert.match(pathOf(page), /^\/processes\/[^/]+$/, `the order should lead to the process page, not ${pathOf(page)}`);
    await page.getByRole('heading', { level: 1, name: COMMUNITY }).waitFor();
    await expectState(page, 'Tilattu', 'a new order');
    const order = await textOf(page.getByRole('region', { name: 'Tilaus' }));
    for (const want of ['Syys–lokakuu 2027', 'Henkilöstö', 'suomi, ruotsi', 'Kasvokkain', METHOD]) {
      assert.ok(order.includes(want), `the order on the process page should show "${want}": ${order}`);
    }
    assert.equal(
      await page.getByRole('button', { name: 'Osoita fasilitaattori' }).count(),
      0,
      'the orderer should not be offered "Osoita fasilitaattori"',
    );
    story.processPath = pathOf(page);
  });

  test('3. the coordinator finds the order in the queue, assigns a facilitator and filters the list', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'processPath')) return;
    const { page } = await person('coord', 'koordinaattori@demo.vuoro.fi');
    await visit(page, '/');
    await follow(page, 'Tilausjono');
    await page.getByRole('heading', { level: 1, name: 'Tilausjono: fasilitaattoria odottavat' }).waitFor();
    await follow(page, COMMUNITY);
    assert.equal(pathOf(page), story.processPath, 'the queue should link to the ordered process');

    const facName = story.newFacilitatorReady ? NEW_FAC.name : 'Fanni Fasilitaattori';
    const peopleRegion = page.getByRole('region', { name: 'Mitä seuraavaksi' });
    await peopleRegion.getByLabel(/^Fasilitaattori/).selectOption({ label: facName });
    await submit(page, 'Osoita fasilitaattori', peopleRegion);
    assert.equal(pathOf(page), story.processPath);
    assert.match(await textOf(page.getByRole('region', { name: 'Henkilöt' })), new RegExp(`Fasilitaattori ${facName}`));
    assert.match(await textOf(page.getByRole('region', { name: 'Tapahtumat' })), new RegExp(`Kaisa Koordinaattori osoitti fasilitaattoriksi: ${facName}\\.`));
    story.assigned = facName;

    // The queue holds only processes without a facilitator.
    await follow(page, 'Etusivu');
    await follow(page, 'Tilausjono');
    assert.equal(await page.getByRole('link', { name: COMMUNITY }).count(), 0, 'an assigned process should leave the queue');

    // Filtering the whole list.
    await follow(page, 'Kaikki prosessit', page.getByRole('main'));
    await page.getByRole('heading', { level: 1, name: 'Organisaation prosessit' }).waitFor();
    const filter = async (state, method) => {
      const form = page.getByRole('form', { name: 'Rajaa prosesseja' });
      await form.getByLabel(/^Tila$/).selectOption({ label: state });
      await form.getByLabel(/^Menetelmä$/).selectOption({ label: method });
      await submit(page, 'Rajaa', form);
      const f = page.getByRole('form', { name: 'Rajaa prosesseja' });
      const shown = async (l) => f.getByLabel(l).evaluate((s) => s.options[s.selectedIndex].text);
      assert.equal(await shown(/^Tila$/), state, 'the chosen state should stay selected after filtering');
      assert.equal(await shown(/^Menetelmä$/), method, 'the chosen method should stay selected after filtering');
      return page.getByRole('link', { name: COMMUNITY }).count();
    };
    assert.equal(await filter('Tilattu', METHOD), 1, `"Tilattu" + "${METHOD}" should list the new process`);
    assert.equal(await filter('Sovittu', METHOD), 0, '"Sovittu" should not list a process that is still "Tilattu"');
    assert.match(await textOf(page.getByRole('status')), /Ei prosesseja\./);
    assert.equal(await filter('Tilattu', 'Erätauko'), 0, `"Erätauko" should not list a "${METHOD}" process`);
    assert.equal(await filter('Kaikki', 'Kaikki'), 1, 'with no filter the process should be listed');
  });

  test('4a. the facilitator plans: participants, sessions, method, calendar file', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'processPath', 'assigned')) return;
    const { page, context } = await facilitator();
    await visit(page, '/');
    await follow(page, COMMUNITY, page.getByRole('region', { name: 'Fasilitoimasi prosessit' }));
    assert.equal(pathOf(page), story.processPath, 'the facilitator\'s front page should link to the assigned process');
    await expectState(page, 'Tilattu', 'before planning');
    // The order was offered to them: they take it on, and the history says so.
    await submit(page, 'Otan tilauksen vastaan');
    assert.match(await textOf(page.getByRole('region', { name: 'Tapahtumat' })), /otti tilauksen vastaan\./);

    // Participants, note taking, summary.
    await follow(page, 'Muokkaa suunnitelmaa');
    await page.getByRole('heading', { level: 1, name: 'Muokkaa suunnitelmaa' }).waitFor();
    const plan = {
      invited: 'Koko nuorisotalon henkilöstö, myös tuntityöntekijät',
      representatives: 'Kaksi ohjaajaa ja luottamusmies',
      notes: 'Kirjuri kirjaa ilman nimiä',
      summary: 'Esihenkilö tekee koosteen; se käsitellään tiimipalaverissa.',
    };
    await page.getByLabel(/^Ketä kutsutaan/).fill(plan.invited);
    await page.getByLabel(/^Osallistujien edustajat/).fill(plan.representatives);
    await page.getByLabel(/^Miten kirjataan/).fill(plan.notes);
    await page.getByLabel(/^Mitä koosteelle tapahtuu/).fill(plan.summary);
    await page.getByRole('group', { name: /^Kuka saa nähdä koosteen/ }).getByLabel('Koko organisaatio').check();
    await submit(page, 'Tallenna');
    assert.equal(pathOf(page), story.processPath, 'saving the plan should lead back to the process page');
    const planRegion = page.getByRole('region', { name: /^Suunnitelma, versio/ });
    const planText = await textOf(planRegion);
    for (const v of [...Object.values(plan), 'Koko organisaatio']) {
      assert.ok(planText.includes(v), `the saved plan should show "${v}"`);
    }

    // Sessions: a wrong one first.
    await follow(page, 'Muokkaa suunnitelmaa');
    let sessions = page.getByRole('region', { name: 'Istunnot' });
    const fillSession = async (s) => {
      const r = page.getByRole('region', { name: 'Istunnot' });
      await r.getByLabel(/^Istunnon nimi/).fill(s.title);
      await r.getByLabel(/^Osio/).selectOption({ label: s.phase });
      await r.getByLabel(/^Päivä/).fill(s.date);
      await r.getByLabel(/^Alkaa/).fill(s.start);
      await r.getByLabel(/^Päättyy/).fill(s.end);
      await r.getByRole('group', { name: /^Toteutustapa/ }).getByLabel(s.format).check();
      if (s.place) await r.getByLabel(/^Paikka/).fill(s.place);
      if (s.link) await r.getByLabel(/^Verkkokokouksen linkki/).fill(s.link);
      await submit(page, 'Lisää istunto', r);
    };
    await fillSession({ title: SESSION_1, phase: 'Osio 1', date: '2027-09-15', start: '15:00', end: '13:00', format: 'Kasvokkain', place: 'Nuorisotalo, iso sali' });
    sessions = page.getByRole('region', { name: 'Istunnot' });
    const end = sessions.getByLabel(/^Päättyy/);
    assert.equal(await end.getAttribute('aria-invalid'), 'true', 'an end before the start should be marked invalid');
    assert.match(await description(end), /Tarkista tämä tieto\./, 'an end before the start should say "Tarkista tämä tieto."');
    assert.equal(await sessions.getByLabel(/^Istunnon nimi/).inputValue(), SESSION_1, 'the refused session keeps its title');
    assert.equal(await sessions.getByLabel(/^Paikka/).inputValue(), 'Nuorisotalo, iso sali', 'the refused session keeps its place');
    assert.match(await textOf(sessions), /Ei istuntoja vielä/);

    await fillSession({ title: SESSION_1, phase: 'Osio 1', date: '2027-09-15', start: '13:00', end: '15:30', format: 'Kasvokkain', place: 'Nuorisotalo, iso sali' });
    assert.equal(new URL(page.url()).pathname, `${story.processPath}/plan`);
    await fillSession({ title: SESSION_2, phase: 'Osio 2', date: '2027-10-06', start: '09:00', end: '11:00', format: 'Verkossa', link: 'https://kokous.example.fi/nuorisotalo' });
    const listed = await textOf(page.getByRole('region', { name: 'Istunnot' }).getByRole('list'));
    assert.match(listed, new RegExp(`${SESSION_1}, 15\\.9\\.2027 13\\.00–15\\.30, Kasvokkain, Nuorisotalo, iso sali`));
    assert.match(listed, new RegExp(`${SESSION_2}, 6\\.10\\.2027 09\\.00–11\\.00, Verkossa`));

    // Adapting the method: a longer stage and a question of our own.
    await follow(page, `Takaisin: ${COMMUNITY}`);
    await follow(page, 'Sovita menetelmän kysymykset ja kestot');
    await page.getByRole('heading', { level: 1, name: 'Sovita menetelmän kysymykset ja kestot' }).waitFor();
    const stage = page.getByRole('group', { name: 'Mikä jo toimii' });
    await stage.getByLabel('Kesto (min)').fill('35');
    const prompts = stage.getByLabel(/^Kysymykset/);
    await prompts.fill(`${await prompts.inputValue()}\n${NEW_QUESTION}`);
    await submit(page, 'Tallenna');
    assert.equal(pathOf(page), story.processPath, 'saving the adapted method should lead back to the process page');
    const stageItem = page
      .getByRole('region', { name: /^Suunnitelma, versio/ })
      .getByRole('listitem')
      .filter({ has: page.getByText('Mikä jo toimii', { exact: true }) });
    const stageText = await textOf(stageItem);
    assert.match(stageText, /\(35 min/, `the adapted stage should last 35 min: ${stageText}`);
    assert.ok(stageText.includes(NEW_QUESTION), `the adapted stage should carry the new question: ${stageText}`);

    // The calendar file of the first session.
    const calLink = page.getByRole('link', { name: `Kalenteritiedosto: ${SESSION_1}` });
    const href = await calLink.getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), calLink.click()]);
    assert.match(download.suggestedFilename(), /\.ics$/, 'the calendar file should be an .ics file');
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VEVENT/);
    assert.match(ics, /DTSTART;TZID=Europe\/Helsinki:20270915T130000/, `the event should start 15.9.2027 13.00 Helsinki time:\n${ics}`);
    assert.match(ics, /DTEND;TZID=Europe\/Helsinki:20270915T153000/);
    const res = await context.request.get(href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /^text\/calendar/, 'the calendar file should be sent as text/calendar');
    assert.match(await res.text(), /DTSTART;TZID=Europe\/Helsinki/);
    story.planned = true;
  });

  test('4b. both approve the plan and the facilitator confirms the agreement', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'processPath', 'planned')) return;
    const { page } = await facilitator();
    await visit(page, story.processPath);
    const approve = page.getByRole('button', { name: /^Hyväksy suunnitelma \(versio \d+\)$/ });
    const label = await approve.innerText();
    await navigate(page, approve);
    assert.match(
      await textOf(page.getByRole('region', { name: /^Suunnitelma, versio/ })),
      new RegExp(`Fasilitaattori ${story.assigned} hyväksyi tämän version`),
      'the facilitator\'s approval should be shown',
    );
    // Too early: the orderer has not approved yet.
    await submit(page, 'Vahvista sopimus');
    assert.match(await textOf(page.getByRole('alert')), /Tilaajan ja fasilitaattorin on molempien hyväksyttävä/, 'confirming before the orderer approved should explain why not');
    await expectState(page, 'Tilattu', 'after a refused confirmation');

    const orderer = await person('orderer', 'tilaaja@demo.vuoro.fi');
    const o = orderer.page;
    await visit(o, '/');
    await follow(o, COMMUNITY, o.getByRole('region', { name: 'Tilaamasi prosessit' }));
    assert.equal(pathOf(o), story.processPath);
    assert.equal(await o.getByRole('button', { name: 'Osoita fasilitaattori' }).count(), 0, 'the orderer should not be offered "Osoita fasilitaattori"');
    await submit(o, label);
    assert.match(await textOf(o.getByRole('region', { name: /^Suunnitelma, versio/ })), /Tilaaja Tuomas Tilaaja hyväksyi tämän version/);

    await visit(page, story.processPath);
    await submit(page, 'Vahvista sopimus');
    await expectState(page, 'Sovittu', 'after "Vahvista sopimus"');
    story.agreed = true;
  });

  test('4c. the facilitator runs the phases and the orderer closes the process', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'processPath', 'agreed')) return;
    const { page } = await facilitator();
    await visit(page, story.processPath);
    for (const [button, state] of [
      ['Aloita osio 1', 'Osio 1'],
      ['Aloita osio 2', 'Osio 2'],
      ['Siirry koosteeseen', 'Kooste'],
    ]) {
      await submit(page, button);
      await expectState(page, state, `after "${button}"`);
      const current = page.getByRole('navigation', { name: 'Prosessin kulku' }).locator('[aria-current="step"]');
      assert.equal(await textOf(current), state, `the step list should mark "${state}" as the current step`);
    }
    assert.equal(await page.getByRole('button', { name: 'Päätä prosessi' }).count(), 0, 'closing is the orderer\'s, not the facilitator\'s');

    const { page: o } = await person('orderer', 'tilaaja@demo.vuoro.fi');
    await visit(o, story.processPath);
    await submit(o, 'Päätä prosessi');
    // Closing asks first, on a page of its own.
    await submit(o, 'Kyllä, päätä prosessi');
    await expectState(o, 'Päättynyt', 'after "Päätä prosessi"');
    assert.match(await textOf(o.getByRole('region', { name: 'Mitä seuraavaksi' })), /Prosessi on päättynyt\./);
  });

  test('4d. the plan history lists the versions and opens one', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'processPath', 'planned')) return;
    const { page } = await facilitator();
    await visit(page, story.processPath);
    await follow(page, 'Suunnitelman versiot');
    await page.getByRole('heading', { level: 1, name: 'Suunnitelman versiot' }).waitFor();
    const rows = page.getByRole('table', { name: 'Suunnitelman versiot' }).getByRole('row');
    const count = (await rows.count()) - 1;
    assert.ok(count >= 5, `the history should list at least 5 versions (order, plan, 2 sessions, method), not ${count}`);
    const texts = (await rows.allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' '));
    const number = (r) => Number(r.match(/versio (\d+)/)?.[1]);
    const newest = Math.max(...texts.map(number));
    const current = texts.filter((r) => r.includes('(nykyinen)'));
    assert.equal(current.length, 1, `exactly one version should be marked "(nykyinen)": ${texts.join(' / ')}`);
    assert.equal(number(current[0]), newest, `the newest version, ${newest}, should be the one marked "(nykyinen)"`);
    await follow(page, 'Suunnitelma, versio 2');
    await page.getByRole('heading', { level: 1, name: 'Suunnitelma, versio 2' }).waitFor();
    const text = await mainText(page);
    assert.ok(text.includes('Koko nuorisotalon henkilöstö'), 'version 2 should show the participants saved in it');
    assert.ok(!text.includes(SESSION_1), 'version 2 was saved before the sessions were added');
  });
});

describe('what each role may see', () => {
  test('5a. the orderer is not offered facilitator assignment', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = await person('orderer', 'tilaaja@demo.vuoro.fi');
    await visit(page, '/');
    const ordered = page.getByRole('region', { name: 'Tilaamasi prosessit' });
    story.otherProcessPath = new URL(await ordered.getByRole('link', { name: 'Pääkirjaston henkilöstö' }).getAttribute('href'), server.url).pathname;
    await follow(page, 'Kotihoidon tiimi 3', ordered);
    await expectState(page, 'Tilattu', 'the demo order');
    assert.equal(await page.getByRole('button', { name: 'Osoita fasilitaattori' }).count(), 0, 'the orderer should not be offered "Osoita fasilitaattori"');
    assert.equal(await page.getByRole('combobox', { name: /^Fasilitaattori/ }).count(), 0, 'the orderer should not get a facilitator list');
    await follow(page, 'Etusivu');
    const orderHref = await page.getByRole('link', { name: 'Tilaa dialogi' }).getAttribute('href');
    story.orgOrderPath = new URL(orderHref, server.url).pathname;
  });

  test('5b. a facilitator who is not assigned gets "not found" for the process', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'otherProcessPath')) return;
    const { page } = await person('vetaja', 'vetaja@demo.vuoro.fi');
    const res = await visit(page, story.otherProcessPath);
    assert.equal(res.status(), 404, 'a process the facilitator is not assigned to should answer 404');
    await page.getByRole('heading', { level: 1, name: 'Jokin meni vikaan' }).waitFor();
    assert.match(await mainText(page), /Sivua ei löytynyt tai sinulla ei ole oikeutta nähdä sitä\./);
    assert.ok(!(await mainText(page)).includes('Pääkirjaston henkilöstö'), 'the refusal must not reveal the process');
    await follow(page, 'Etusivulle');
    assert.equal(pathOf(page), '/');
  });

  test('5c. a facilitator cannot open the coordinator\'s list', { timeout: STEP_TIMEOUT }, async (t) => {
    if (!needs(t, 'orgOrderPath')) return;
    const { page } = await person('vetaja', 'vetaja@demo.vuoro.fi');
    const listPath = story.orgOrderPath.replace(/\/orders\/new$/, '/processes');
    const res = await visit(page, listPath);
    assert.equal(res.status(), 403);
    assert.match(await mainText(page), /Sinulla ei ole oikeutta tähän toimintoon\./);
  });

  test('5d. a visitor who has not logged in is sent to the log-in page', { timeout: STEP_TIMEOUT }, async () => {
    const anon = await newPerson(browser, server.url, 'kirjautumaton');
    people.anon = anon;
    const { page } = anon;
    await visit(page, '/');
    assert.equal(pathOf(page), '/login', 'the front page should send a visitor to /login');
    await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Päävalikko' }).count(), 0, 'no main menu before logging in');
    // The first Tab shows the skip link, and it takes the keyboard to the content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Siirry sisältöön' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first Tab should reach "Siirry sisältöön"');
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 1, 'the focused skip link should be visible on the screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link should move the focus to the main content');
    if (story.otherProcessPath) {
      await visit(page, story.otherProcessPath);
      assert.equal(pathOf(page), '/login', 'a process page should send a visitor to /login');
    }
    // A wrong password.
    await page.getByLabel(/^Sähköposti/).fill('tilaaja@demo.vuoro.fi');
    await page.getByLabel(/^Salasana/).fill('väärä salasana');
    await submit(page, 'Kirjaudu');
    assert.match(await textOf(page.getByRole('alert')), /Sähköpostiosoite tai salasana on väärä\./);
    assert.equal(await page.getByLabel(/^Sähköposti/).inputValue(), 'tilaaja@demo.vuoro.fi', 'the e-mail typed should be kept');
  });
});

describe('interface language', () => {
  test('6. switching to svenska and English persists, and back to suomi', { timeout: STEP_TIMEOUT }, async () => {
    const langUser = await personLoggedIn(browser, server.url, 'fasilitaattori@demo.vuoro.fi');
    people.lang = langUser;
    const { page } = langUser;
    const lang = () => page.locator('html').getAttribute('lang');
    assert.equal(await lang(), 'fi');
    await page.getByRole('heading', { level: 1, name: 'Oma etusivu' }).waitFor();

    await follow(page, 'svenska', page.getByRole('navigation', { name: 'Kieli' }));
    assert.equal(pathOf(page), '/', 'switching the language should come back to the same page');
    assert.equal(await lang(), 'sv', 'after choosing svenska the page should be <html lang="sv">');
    await page.getByRole('heading', { level: 1, name: 'Min startsida' }).waitFor();

    await follow(page, 'Metoder', page.getByRole('navigation', { name: 'Huvudmeny' }));
    assert.equal(await lang(), 'sv', 'the language choice should persist to the next page');
    await page.getByRole('heading', { level: 1, name: 'Metoder' }).waitFor();

    await follow(page, 'Dialoger om god praxis');
    assert.equal(await lang(), 'sv');
    await page.getByRole('heading', { level: 1, name: 'Dialoger om god praxis' }).waitFor();
    await page.getByRole('heading', { name: 'Reflektion' }).waitFor();

    await follow(page, 'English', page.getByRole('navigation', { name: 'Språk' }));
    assert.equal(pathOf(page), '/methods/hyvien-kaytantojen-dialogit', 'switching the language should come back to the same page');
    assert.equal(await lang(), 'en');
    await page.getByRole('heading', { level: 1, name: 'Good Practices Dialogues' }).waitFor();
    await follow(page, 'Methods', page.getByRole('main'));
    await page.getByRole('heading', { level: 1, name: 'Methods' }).waitFor();
    await follow(page, 'Home', page.getByRole('navigation', { name: 'Main menu' }));
    assert.equal(await lang(), 'en', 'English should persist to the next page');
    await page.getByRole('heading', { level: 1, name: 'My home page' }).waitFor();

    await follow(page, 'suomi', page.getByRole('navigation', { name: 'Language' }));
    assert.equal(await lang(), 'fi');
    await page.getByRole('heading', { level: 1, name: 'Oma etusivu' }).waitFor();

    await submit(page, 'Kirjaudu ulos');
    assert.equal(pathOf(page), '/login', 'logging out should lead to the log-in page');
    assert.equal(await lang(), 'fi', 'the language choice outlives logging out');
  });

  test(
    '6b. switching the language on a page that answered a form',
    {
      timeout: STEP_TIMEOUT,
    },
    async () => {
      const { page } = await person('admin', 'admin@demo.vuoro.fi');
      await visit(page, '/admin/orgs');
      await follow(page, ORG);
      await submitWithoutBrowserChecks(page, 'Luo kutsu', page.getByRole('region', { name: 'Kutsu henkilöstöä' }));
      assert.match(await description(page.getByLabel(/^Sähköposti/)), /Tämä tieto tarvitaan\./);
      const res = await follow(page, 'svenska', page.getByRole('navigation', { name: 'Kieli' }));
      // Leave the person in Finnish for anything after this.
      const back = async () => follow(page, 'suomi', page.getByRole('navigation', { name: 'Språk' }));
      try {
        assert.equal(res.status(), 200, `switching to svenska after a refused form answered ${res.status()} at ${pathOf(page)}`);
        assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
        await page.getByRole('heading', { level: 1, name: ORG }).waitFor({ timeout: 2_000 });
      } finally {
        if (await page.getByRole('navigation', { name: 'Språk' }).count()) await back();
      }
    },
  );

  test('6c. a facilitator turns off the reminders the day before a session', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = await person('fac', 'fasilitaattori@demo.vuoro.fi');
    await visit(page, '/');
    await follow(page, 'Sähköpostit');
    await page.getByRole('heading', { level: 1, name: 'Sähköpostiasetukset' }).waitFor();
    const reminder = page.getByRole('checkbox', { name: 'Muistutus tilaisuutta edeltävänä päivänä' });
    assert.equal(await reminder.isChecked(), true, 'every kind of mail is on at first');
    await reminder.uncheck();
    await submit(page, 'Tallenna asetukset');
    await page.getByText('Sähköpostiasetukset on tallennettu.').waitFor();
    await visit(page, '/account/mail');
    assert.equal(await reminder.isChecked(), false, 'the choice is kept');
    assert.equal(
      await page.getByRole('checkbox', { name: 'Yhteenveto on julkaistu' }).isChecked(),
      true,
      'the other kinds stay on',
    );
  });
});

test('every page opened was checked with axe', async (t) => {
  const problems = [];
  let pages = 0;
  for (const [key, p] of Object.entries(people)) {
    try {
      pages += await p.close();
    } catch (e) {
      problems.push(e.message);
    }
    delete people[key];
  }
  t.diagnostic(`${pages} pages were checked with axe-core`);
  assert.deepEqual(problems, []);
});
