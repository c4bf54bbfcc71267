// The plan page and the process page as a facilitator uses them under time pressure (Part 6).
// Item 4: the plan page was three forms, and text typed into one was lost, silently, when
// another's button was pressed. Now every button keeps every field. Item 6: in phase 1 the
// process page's one primary action is opening the session, inside the first 1366×768 view.
// Item 5: cancelling asks first, takes a reason, and a coordinator reopens the process;
// removing a planned session asks first too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, submitWithoutBrowserChecks, personLoggedIn, mainText } from './helpers.mjs';

const h = harness();

async function facilitator() {
  const fac = await personLoggedIn(h.browser, h.server.url, 'fasilitaattori@demo.vuoro.fi');
  h.people.push(fac);
  await fac.page.setViewportSize({ width: 1366, height: 768 });
  return fac.page;
}

/** The page's elements marked primary, and whether each lies inside the first viewport. */
async function primaries(page) {
  return page.locator('main .primary').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { label: e.textContent.trim(), inView: r.top >= 0 && r.bottom <= window.innerHeight };
  }));
}

test('the plan page keeps what was typed whichever button is pressed', async () => {
  const page = await facilitator();
  await follow(page, 'Koulun 8B-luokka');
  const process = new URL(page.url()).pathname;

  // Phase 1: the session to open is the page's one primary action, at the top.
  const first = await primaries(page);
  assert.deepEqual(first.map((p) => p.label), ['Avaa istunto: Luokkadialogi']);
  assert.ok(first[0].inView, 'the session button is inside the first 1366×768 view');

  await follow(page, 'Muokkaa suunnitelmaa');
  const invited = 'Koko 8B-luokka ja luokanvalvoja';
  await page.getByLabel(/^Ketä kutsutaan/).fill(invited);
  const r = page.getByRole('region', { name: 'Istunnot' });
  await r.getByLabel(/^Istunnon nimi/).fill('Toinen luokkadialogi');
  await r.getByLabel(/^Päivä/).fill('2027-02-03');
  await r.getByLabel(/^Alkaa/).fill('09:00');
  await r.getByLabel(/^Päättyy/).fill('10:00');
  await r.getByRole('group', { name: /^Toteutustapa/ }).getByLabel('Kasvokkain').check();
  await r.getByLabel(/^Paikka/).fill('Luokka 204');
  await submit(page, 'Lisää istunto', r);
  assert.equal(new URL(page.url()).pathname, `${process}/plan`);
  assert.equal(await page.getByLabel(/^Ketä kutsutaan/).inputValue(), invited, 'the text typed above is kept after "Lisää istunto"');
  assert.match(await mainText(page), /Toinen luokkadialogi/, 'and the session is added');

  // A session half typed, then "Tallenna": the plan is saved and the session waits as typed.
  const sessions = page.getByRole('region', { name: 'Istunnot' });
  await sessions.getByLabel(/^Istunnon nimi/).fill('Kolmas luokkadialogi');
  await sessions.getByLabel(/^Paikka/).fill('Liikuntasali');
  await page.getByLabel(/^Mitä koosteelle tapahtuu/).fill('Käsitellään vanhempainillassa');
  await submit(page, 'Tallenna');
  assert.equal(await sessions.getByLabel(/^Istunnon nimi/).inputValue(), 'Kolmas luokkadialogi', 'the session typed is kept after "Tallenna"');
  assert.equal(await sessions.getByLabel(/^Paikka/).inputValue(), 'Liikuntasali');
  assert.match(await mainText(page), /Kirjoittamaasi istuntoa ei ole vielä lisätty/);
  assert.equal(await page.getByLabel(/^Mitä koosteelle tapahtuu/).inputValue(), 'Käsitellään vanhempainillassa');

  // A refused session keeps everything too.
  await page.getByLabel(/^Osallistujien edustajat/).fill('Kaksi oppilaskunnan edustajaa');
  await sessions.getByLabel(/^Päivä/).fill('2027-02-10');
  await sessions.getByLabel(/^Alkaa/).fill('12:00');
  await sessions.getByLabel(/^Päättyy/).fill('11:00');
  await submitWithoutBrowserChecks(page, 'Lisää istunto', sessions);
  assert.equal(await sessions.getByLabel(/^Päättyy/).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel(/^Osallistujien edustajat/).inputValue(), 'Kaksi oppilaskunnan edustajaa');
  assert.equal(await sessions.getByLabel(/^Istunnon nimi/).inputValue(), 'Kolmas luokkadialogi');

  // Removing a session asks first, on the same page with everything kept, then removes it.
  await submit(page, 'Poista istunto Toinen luokkadialogi');
  assert.match(await mainText(page), /Poistetaanko istunto Toinen luokkadialogi suunnitelmasta\?/);
  assert.equal(await page.getByLabel(/^Osallistujien edustajat/).inputValue(), 'Kaksi oppilaskunnan edustajaa', 'kept while asking');
  assert.equal(await sessions.getByLabel(/^Istunnon nimi/).inputValue(), 'Kolmas luokkadialogi');
  await submit(page, 'Kyllä, poista istunto Toinen luokkadialogi');
  assert.equal(await page.getByRole('button', { name: 'Poista istunto Toinen luokkadialogi' }).count(), 0, 'the session is removed');
  assert.equal(await page.getByLabel(/^Osallistujien edustajat/).inputValue(), 'Kaksi oppilaskunnan edustajaa', 'and what was typed was saved with it');
  await visit(page, process);
  assert.match(await mainText(page), /Käsitellään vanhempainillassa/, 'what was saved shows on the process page');
});

test('cancelling asks first, takes a reason, and the coordinator reopens', async () => {
  const coord = await personLoggedIn(h.browser, h.server.url, 'koordinaattori@demo.vuoro.fi');
  h.people.push(coord);
  const page = coord.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await follow(page, 'Kaikki prosessit');
  await follow(page, 'Koulun 8B-luokka');
  const process = new URL(page.url()).pathname;
  assert.equal(await page.getByRole('button', { name: 'Peru prosessi' }).getAttribute('class'), 'danger');
  await submit(page, 'Peru prosessi');
  await page.getByRole('heading', { level: 1, name: 'Perutaanko prosessi?' }).waitFor();
  await submitWithoutBrowserChecks(page, 'Kyllä, peru prosessi');
  assert.match(await mainText(page), /Tämä tieto tarvitaan/, 'a reason is asked for');
  await page.getByLabel(/^Miksi prosessi perutaan/).fill('Luokka yhdistyy 8A:n kanssa');
  await submit(page, 'Kyllä, peru prosessi');
  assert.equal(new URL(page.url()).pathname, process);
  assert.match(await mainText(page), /Perumisen syy: Luokka yhdistyy 8A:n kanssa/);
  const reopen = await primaries(page);
  assert.deepEqual(reopen.map((p) => p.label), ['Avaa prosessi uudelleen']);
  assert.ok(reopen[0].inView);
  await submit(page, 'Avaa prosessi uudelleen');
  assert.match(await page.locator('.state').first().innerText(), /Osio 1/, 'back in phase 1');
});
