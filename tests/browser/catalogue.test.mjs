// The dialogue catalogue in the browser, in Finnish: a visitor reads the public peer listing
// (the demo holds the 2021 listing of ten organisations, imported), filters it and puts two
// organisations side by side; the demo city's coordinator records an activity (a refused form
// first), sees the catalogue's completeness, reads the city's plan with a process under one of
// its areas and adds a plan; the site administrator asks an imported organisation to complete
// its catalogue. Every page is checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, submitWithoutBrowserChecks, mainText, description, personLoggedIn, pathOf } from './helpers.mjs';

const h = harness();

test('the peer listing, an organisation\'s catalogue and a request to complete it', async () => {
  // A visitor, not logged in, finds the listing from the log-in page.
  const visitor = await h.person('vierailija');
  const v = visitor.page;
  await visit(v, '/login');
  await follow(v, 'Vertaislistaus');
  await v.getByRole('heading', { level: 1, name: 'Vertaislistaus: dialogi organisaatioissa' }).waitFor();
  for (const org of ['Hailuoto', 'Rovaniemi', 'Vantaa', 'Esimerkkilän kaupunki']) {
    await v.getByRole('heading', { level: 2, name: org }).waitFor();
  }
  assert.equal(await v.locator('svg[role="img"]').count(), 2, 'two charts, per context and per year');
  await v.getByRole('table', { name: 'Kirjauksia käyttöyhteyksittäin taulukkona' }).waitFor();
  assert.match(await mainText(v), /Kouludialogeja \(20-30 vuosittain\)/, 'Rovaniemi\'s school dialogues from the listing');
  const sources = v.getByRole('region', { name: 'Tuodut listaukset' });
  assert.match(await sources.innerText(), /Kunnat – Vertaisdialogin listaus[\s\S]*Listauksesta puuttuu osa tiedoista/, 'the imported document is named with its own introduction');

  // Filtering by context keeps the choice and narrows the list.
  const filters = v.getByRole('form', { name: 'Rajaa' });
  await filters.getByLabel('Käyttöyhteys').selectOption({ label: 'Asukkaat ja kuntalaiset' });
  await submit(v, 'Rajaa', filters);
  assert.match(pathOf(v), /context=residents/);
  const shown = await v.getByRole('form', { name: 'Rajaa' }).getByLabel('Käyttöyhteys').evaluate((s) => s.options[s.selectedIndex].text);
  assert.equal(shown, 'Asukkaat ja kuntalaiset');
  const text = await mainText(v);
  assert.match(text, /Asukaskuulemiset/, 'Kouvola\'s resident hearings are about residents');
  assert.ok(!text.includes('Kouludialogeja (20-30 vuosittain)'), 'school dialogues are filtered out');

  // A year that is not one says so, and the page still works.
  await visit(v, '/listing?year=kaksituhatta');
  assert.match(await v.getByRole('alert').innerText(), /Vuosi ei kelpaa/);
  assert.equal(await v.getByLabel('Vuosi', { exact: true }).inputValue(), '', 'a number field cannot hold the text, and nothing breaks');

  // Two organisations side by side.
  await visit(v, '/listing');
  const compare = v.getByRole('region', { name: 'Organisaatiot rinnakkain' });
  await compare.getByLabel('Rovaniemi').check();
  await compare.getByLabel('Kotka').check();
  await submit(v, 'Vertaa', compare);
  const table = v.getByRole('table', { name: 'Organisaatiot rinnakkain' });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(headers.map((s) => s.trim()), ['Käyttöyhteys', 'Kotka', 'Rovaniemi']);
  const school = table.getByRole('row').filter({ has: v.getByRole('rowheader', { name: 'Koulu ja varhaiskasvatus' }) });
  assert.match(await school.innerText(), /Kouludialogeja/);

  // The coordinator of the demo city records an activity.
  const coord = await personLoggedIn(h.browser, h.server.url, 'koordinaattori@demo.vuoro.fi');
  h.people.push(coord);
  const c = coord.page;
  await follow(c, 'Dialogikatalogi');
  await c.getByRole('heading', { level: 1, name: 'Dialogikatalogi: Esimerkkilän kaupunki' }).waitFor();
  const before = await c.locator('.big-figure').innerText();
  await follow(c, 'Kirjaa dialogitoimintaa');
  await c.getByLabel('Määrä').fill('joskus');
  await submitWithoutBrowserChecks(c, 'Tallenna');
  assert.match(await c.getByRole('alert').innerText(), /Lomakkeessa on virheitä/);
  assert.match(await description(c.getByLabel('Kuvaus')), /Tämä tieto tarvitaan/);
  assert.match(await description(c.getByLabel('Määrä')), /Tarkista tämä tieto/);
  assert.equal(await c.getByLabel('Määrä').inputValue(), 'joskus', 'what was typed is kept');
  await c.getByLabel('Kuvaus').fill('Vanhempainillat kiusaamisesta yläkouluissa');
  await c.getByRole('group', { name: 'Käyttöyhteys' }).getByLabel('Perheet ja vanhemmat').check();
  await c.getByRole('group', { name: 'Aiheet' }).getByLabel('Kiusaaminen ja tunnetaidot').check();
  await c.getByLabel('Menetelmä').selectOption({ label: 'Erätauko' });
  await c.getByLabel('Ajankohta').fill('2026–');
  await c.getByLabel('Määrä').fill('3–5 vuodessa');
  await submit(c, 'Tallenna');
  const entry = c.locator('li.entry').filter({ hasText: 'Vanhempainillat kiusaamisesta yläkouluissa' });
  const entryText = await entry.innerText();
  for (const want of ['Perheet ja vanhemmat', 'Kiusaaminen ja tunnetaidot', 'Erätauko', '2026 alkaen', '3–5 vuodessa']) {
    assert.ok(entryText.includes(want), `the new record should show "${want}": ${entryText}`);
  }
  assert.ok(!entryText.includes('Puuttuu'), `a complete record lacks nothing: ${entryText}`);
  assert.equal(await c.locator('.big-figure').innerText(), before, 'a complete record keeps the catalogue complete');

  // The city's plans that dialogue feeds: the demo plan lists the class dialogue under its area;
  // a new plan is refused without a name and kept as typed, then saved.
  await follow(c, 'Suunnitelmat, joihin dialogit tuovat tietoa');
  await c.getByRole('heading', { level: 1, name: 'Suunnitelmat: Esimerkkilän kaupunki' }).waitFor();
  await follow(c, 'Avoimen hallinnon toimintasuunnitelma 2027–2029');
  const area = c.getByRole('region', { name: 'Lasten ja nuorten osallisuus' });
  assert.match(await area.innerText(), /Koulun 8B-luokka/, 'the linked process is listed under its area');
  assert.match(await c.getByRole('region', { name: 'Selkeä kieli' }).innerText(), /Tähän osa-alueeseen ei ole vielä liitetty prosesseja/);
  await follow(c, 'Takaisin suunnitelmiin');
  await c.getByLabel('Osa-alueet').fill('Palveluverkko\nKoulujen tilat');
  await submitWithoutBrowserChecks(c, 'Tallenna suunnitelma');
  assert.match(await description(c.getByLabel('Suunnitelman nimi')), /Tämä tieto tarvitaan/);
  assert.equal(await c.getByLabel('Osa-alueet').inputValue(), 'Palveluverkko\nKoulujen tilat', 'the areas typed are kept');
  await c.getByLabel('Suunnitelman nimi').fill('Palveluverkkosuunnitelma 2028');
  await submit(c, 'Tallenna suunnitelma');
  await c.getByRole('heading', { level: 1, name: 'Palveluverkkosuunnitelma 2028' }).waitFor();
  await c.getByRole('region', { name: 'Koulujen tilat' }).waitFor();

  // The site administrator asks Hailuoto (imported, no staff yet) to complete its catalogue.
  const admin = await personLoggedIn(h.browser, h.server.url, 'admin@demo.vuoro.fi');
  h.people.push(admin);
  const a = admin.page;
  await follow(a, 'Organisaatiot', a.getByRole('navigation', { name: 'Päävalikko' }));
  await follow(a, 'Dialogikatalogi: Hailuoto');
  assert.match(await mainText(a), /Puuttuu: /, 'imported lines say what they lack');
  const requests = a.getByRole('region', { name: 'Täydennyspyynnöt' });
  await requests.getByRole('group', { name: 'Mitä pyydetään täydentämään' }).getByLabel('määrä').check();
  await requests.getByLabel('Viesti').fill('Lisäisittekö Erätauko-keskustelujen vuodet ja määrät?');
  await submit(a, 'Lähetä täydennyspyyntö', requests);
  assert.match(await a.getByRole('region', { name: 'Täydennyspyynnöt' }).innerText(), /Lisäisittekö Erätauko-keskustelujen vuodet ja määrät\?[\s\S]*avoin/);

  const pages = await h.closeAll();
  assert.ok(pages >= 12, `only ${pages} pages were checked`);
});
