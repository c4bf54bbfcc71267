// The facilitator network in the browser, in Finnish: the demo city's coordinator reads the
// network page (about twenty facilitators, trained per method and unit, who has not facilitated,
// the year's meetings), records a training with a refused form first and completes its trainee,
// who becomes a facilitator, and records a network meeting with who attended; the demo
// facilitator opens their own page, changes their monthly hours and adds and deletes an
// absence; the coordinator reads the network's reports. Every page is checked with axe-core, for its one primary action and for reflow.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, submitWithoutBrowserChecks, mainText, description, personLoggedIn } from './helpers.mjs';

const h = harness();

test('the network page, a training completed, a meeting and a facilitator\'s own page', async () => {
  const coord = await personLoggedIn(h.browser, h.server.url, 'koordinaattori@demo.vuoro.fi');
  h.people.push(coord);
  const c = coord.page;
  await follow(c, 'Fasilitaattoriverkosto');
  await c.getByRole('heading', { level: 1, name: 'Fasilitaattoriverkosto: Esimerkkilän kaupunki' }).waitFor();
  let text = await mainText(c);
  assert.match(text, /Verkostossa on 20 fasilitaattoria/);
  const perMethod = c.getByRole('table', { name: 'Koulutetut menetelmittäin' });
  assert.match(await perMethod.innerText(), /Erätauko\s+9/, 'the Erätauko training and an earlier one');
  await c.getByRole('table', { name: 'Koulutetut yksiköittäin' }).waitFor();
  assert.match(text, /ei koskaan/, 'someone has never facilitated');
  assert.match(text, /Verkoston aloitustapaaminen/, 'the year\'s meetings');

  // A training: refused without a trainee, then recorded and completed.
  await follow(c, 'Kirjaa koulutus');
  await c.getByLabel('Menetelmä').selectOption({ label: 'Learning café' });
  await c.getByLabel('Kouluttaja').fill('Esimerkkilän kaupunki');
  await c.getByLabel('Alkaa').fill('2026-12-01');
  await c.getByLabel('Päättyy').fill('2026-11-30');
  await c.getByLabel('Laajuus (tuntia)').fill('3,5');
  await submitWithoutBrowserChecks(c, 'Tallenna koulutus');
  assert.match(await c.getByRole('alert').innerText(), /Lomakkeessa on virheitä/);
  assert.match(await description(c.getByLabel('Päättyy')), /Tarkista tämä tieto/);
  assert.equal(await c.getByLabel('Laajuus (tuntia)').inputValue(), '3,5', 'what was typed is kept');
  await c.getByLabel('Päättyy').fill('2026-12-01');
  await c.getByRole('group', { name: 'Koulutettavat' }).getByLabel('Tuomas Tilaaja').check();
  await submit(c, 'Tallenna koulutus');
  await c.getByRole('heading', { level: 1, name: 'Koulutus: Learning café' }).waitFor();
  await c.getByRole('group', { name: 'Suorittaneet' }).getByLabel('Tuomas Tilaaja').check();
  await submit(c, 'Merkitse suoritetuiksi');
  assert.match(await c.getByRole('status').innerText(), /Fasilitaattorin rooli annettiin: Tuomas Tilaaja/);
  assert.match(await mainText(c), /Tuomas Tilaaja: suoritettu/);

  // A network meeting and who attended. (Once every trainee has completed, the way back is
  // also the page's primary action.)
  await follow(c, 'Fasilitaattoriverkosto: Esimerkkilän kaupunki', c.locator('main > p').first());
  await follow(c, 'Kirjaa verkostotapaaminen');
  await c.getByLabel('Päivä').fill(`${new Date().getFullYear()}-12-15`);
  await c.getByLabel('Aihe').fill('Joulukuun vertaistapaaminen');
  await submit(c, 'Tallenna tapaaminen');
  await c.getByRole('heading', { level: 1, name: 'Joulukuun vertaistapaaminen' }).waitFor();
  const attended = c.getByRole('group', { name: 'Osallistuneet' });
  await attended.getByLabel('Fanni Fasilitaattori').check();
  await attended.getByLabel('Faisal Farah').check();
  await submit(c, 'Tallenna osallistujat');
  assert.match(await c.getByRole('status').innerText(), /Osallistujat tallennettiin/);
  await follow(c, 'Fasilitaattoriverkosto: Esimerkkilän kaupunki');
  const meetings = c.getByRole('region', { name: /Verkostotapaamiset/ });
  assert.match(await meetings.innerText(), /Joulukuun vertaistapaaminen\s+2/);
  await follow(c, 'Faisal Farah');
  await c.getByRole('heading', { level: 1, name: 'Faisal Farah' }).waitFor();

  // The reports: the demo's two past Erätauko dialogues of the year, and their feedback (12
  // answers, over the five-answer threshold).
  await follow(c, 'Fasilitaattoriverkosto: Esimerkkilän kaupunki', c.locator('main > p').first());
  await follow(c, 'Raportit');
  await c.getByRole('heading', { level: 1, name: 'Verkoston raportit: Esimerkkilän kaupunki' }).waitFor();
  assert.match(await c.getByRole('table', { name: 'Dialogit menetelmittäin' }).innerText(), /Erätauko\s+2/);
  assert.match(await c.getByRole('table', { name: 'Palaute menetelmittäin' }).innerText(), /Erätauko\s+12\s+4,2/);

  // The facilitator's own page.
  const fac = await personLoggedIn(h.browser, h.server.url, 'fasilitaattori@demo.vuoro.fi');
  h.people.push(fac);
  const f = fac.page;
  await follow(f, 'Oma fasilitointi');
  await f.getByRole('heading', { level: 1, name: 'Oma fasilitointi' }).waitFor();
  text = await mainText(f);
  assert.match(text, /Koulun 8B-luokka/, 'the class dialogue they facilitate is coming');
  assert.match(text, /6 tuntia kuukaudessa/);
  await f.getByLabel('Aikaa fasilitointiin (tuntia kuukaudessa)').fill('5,5');
  await submit(f, 'Tallenna profiili');
  assert.match(await f.getByRole('status').innerText(), /Profiili tallennettiin/);
  assert.match(await mainText(f), /5,5 tuntia kuukaudessa/);
  await f.getByLabel('Ensimmäinen päivä').fill('2031-05-10');
  await f.getByLabel('Viimeinen päivä').fill('2031-05-01');
  await submitWithoutBrowserChecks(f, 'Lisää poissaolo');
  assert.match(await description(f.getByLabel('Viimeinen päivä')), /Tarkista tämä tieto/);
  await f.getByLabel('Viimeinen päivä').fill('2031-05-20');
  await submit(f, 'Lisää poissaolo');
  await submit(f, 'Poista poissaolo 10.5.2031–20.5.2031');
  assert.match(await f.getByRole('alert').innerText(), /Poistetaanko poissaolo 10.5.2031–20.5.2031\?/);
  await submit(f, 'Kyllä, poista poissaolo');
  assert.ok(!(await mainText(f)).includes('10.5.2031'), 'the absence is gone');

  // After a session held, the hours it really took; the month's load counts them.
  await visit(f, '/');
  await follow(f, 'Ympäristöpalvelujen lupatiimi', f.getByRole('region', { name: 'Fasilitoimasi prosessit' }));
  await follow(f, 'Toteutuneet fasilitointitunnit');
  const hours = () => f.getByLabel('Toteutuneet tunnit: Erätauko-keskustelu');
  await hours().fill('kolme');
  await submit(f, 'Tallenna tunnit: Erätauko-keskustelu');
  assert.equal(await hours().inputValue(), 'kolme', 'a refused value comes back as typed');
  assert.match(await f.getByRole('alert').first().innerText(), /Lomakkeessa on virheitä|Tarkista/);
  await hours().fill('3,25');
  await submit(f, 'Tallenna tunnit: Erätauko-keskustelu');
  assert.match(await mainText(f), /Tunnit on tallennettu\./);
  assert.match(await mainText(f), /kirjattu 3,25 h/);
  await visit(f, '/facilitation');
  assert.match(await f.getByRole('table', { name: 'Fasilitointitunnit kuukausittain' }).innerText(), /3,25 h/);
  assert.ok((await h.closeAll()) > 0);
});
