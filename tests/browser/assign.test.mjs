// Proposals for an order in the browser, in Finnish: the demo city's coordinator opens the
// waiting order from the queue, reads the facilitators proposed for it with their reasons and
// who is not proposed, and assigns the top proposal with one click; the process page then names
// them; an order with its session planned is ranked on the month's capacity and the orderer's
// unit. The facilitator it was offered to declines it with a reason (a refused empty reason
// first): it is back in the queue with its next proposal, the coordinator offers it to the
// next one, who accepts it, and it is in their list. Every page is checked with axe-core, for
// its one primary action and for reflow. Then the rest of the queue is offered at once by the
// joint assignment. First, the city's management team needs an outsider: the partner
// county's facilitator is proposed for it, assigned and accepts it, and the county sees the
// assignment on its network page, not the dialogue.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  harness, visit, follow, submit, submitWithoutBrowserChecks, mainText, personLoggedIn,
} from './helpers.mjs';

const h = harness();

async function logIn(email) {
  const p = await personLoggedIn(h.browser, h.server.url, email);
  h.people.push(p);
  return p.page;
}

/** A demo person's log-in address, as the organisation's admin sees it on its page. */
async function emailOf(org, name) {
  const admin = await logIn('admin@demo.vuoro.fi');
  await visit(admin, `/orgs/${org}`);
  const legend = await admin.locator('legend', { hasText: name }).first().innerText();
  const email = legend.match(/\S+@demo\.vuoro\.fi/);
  assert.ok(email, `${name}'s address on the organisation's page: ${legend}`);
  return email[0];
}

/** The facilitator offered the order opens it from their front page. */
async function openOffered(page, title) {
  await follow(page, title, page.getByRole('region', { name: 'Fasilitoimasi prosessit' }));
  assert.match(await mainText(page), /tarjosi sinulle tämän tilauksen fasilitoitavaksi/);
}

test('a partner organisation\'s facilitator is proposed for the management team and leads it', async () => {
  const c = await logIn('koordinaattori@demo.vuoro.fi');
  await follow(c, 'Tilausjono');
  await follow(c, 'Kaupungin johtoryhmä');
  assert.match(await mainText(c), /Yhteisö tarvitsee oman organisaation ulkopuolisen fasilitaattorin/);
  await follow(c, 'Näytä ehdotetut fasilitaattorit');
  const proposed = c.getByRole('region', { name: 'Ehdotetut, paras ensin' });
  assert.match(await proposed.innerText(), /Kumppanilta Esimerkkilän hyvinvointialue/);
  const first = (await proposed.getByRole('heading', { level: 3 }).first().innerText()).trim();
  const emails = { 'Kalle Kumppani': 'kumppani@demo.vuoro.fi', 'Katja Kumpulainen': 'kumppani2@demo.vuoro.fi' };
  assert.ok(emails[first], `the partner's facilitator comes first, not ${first}`);
  assert.match(
    await c.getByRole('region', { name: 'Ei ehdoteta' }).innerText(),
    /Tilaajan omasta organisaatiosta, vaikka tarvitaan ulkopuolinen/,
    "the city's own facilitators are not proposed",
  );
  await submit(c, `Anna tehtäväksi: ${first}`);

  // The partner's facilitator finds it on their front page, opens it and accepts it.
  const f = await logIn(emails[first]);
  await openOffered(f, 'Kaupungin johtoryhmä');
  await submit(f, 'Otan tilauksen vastaan');
  assert.match(await f.getByRole('region', { name: 'Tapahtumat' }).innerText(), new RegExp(`${first} otti tilauksen vastaan\\.`));

  // The county's admin keeps the agreement, and its network page shows who leads for whom.
  const a = await logIn('hyvinvointialue@demo.vuoro.fi');
  await follow(a, 'Hallinnoi organisaatiota');
  await follow(a, 'Kumppanuudet');
  assert.match(
    await a.getByRole('region', { name: 'Voimassa olevat sopimukset' }).innerText(),
    /Esimerkkilän kaupunki · Vain ulkopuolista fasilitaattoria tarvitsevat tilaukset/,
  );
  await follow(a, 'Etusivu');
  await follow(a, 'Fasilitaattoriverkosto');
  const lent = await a.getByRole('region', { name: 'Kumppaneiden prosessit' }).innerText();
  assert.match(lent, new RegExp(`${first}\\s+Esimerkkilän kaupunki\\s+18\\.3\\.2027`));
  assert.doesNotMatch(await mainText(a), /johtoryhmä/i, 'the dialogue is the city\'s');
  assert.ok((await h.closeAll()) > 0);
});

test('the coordinator reads the proposals for a waiting order and assigns the top one', async () => {
  const coord = await personLoggedIn(h.browser, h.server.url, 'koordinaattori@demo.vuoro.fi');
  h.people.push(coord);
  const c = coord.page;
  await follow(c, 'Tilausjono');
  await follow(c, 'Kotihoidon tiimi 3');
  await follow(c, 'Näytä ehdotetut fasilitaattorit');
  await c.getByRole('heading', { level: 1, name: 'Ehdotetut fasilitaattorit: Kotihoidon tiimi 3' }).waitFor();
  const text = await mainText(c);
  assert.match(text, /Tilaisuuksien päiviä ei ole vielä suunnitelmassa/, 'the order has no sessions yet');
  assert.match(text, /Koulutettu menetelmään|Ei koulutusta menetelmään/, 'the method is a reason');
  assert.match(text, /Fasilitoinut viimeisen vuoden aikana/, 'the load is a reason');
  const proposed = c.getByRole('region', { name: 'Ehdotetut, paras ensin' });
  const first = (await proposed.getByRole('heading', { level: 3 }).first().innerText()).trim();
  assert.ok(first.length > 0, 'someone is proposed');
  await submit(c, `Anna tehtäväksi: ${first}`);
  const people = () => c.getByRole('region', { name: 'Henkilöt' }).innerText();
  assert.match(await people(), new RegExp(`Fasilitaattori\\s+${first} \\(vastausta odotetaan\\)`));
  const processPath = new URL(c.url()).pathname;
  await follow(c, 'Etusivu');
  await follow(c, 'Tilausjono');
  const org = new URL(c.url()).pathname.split('/')[2];

  // The one it was offered to declines: a reason is required, then the order is back.
  const f1 = await logIn(await emailOf(org, first));
  await openOffered(f1, 'Kotihoidon tiimi 3');
  const decline = f1.getByRole('group', { name: 'Kieltäydy tilauksesta' });
  await submitWithoutBrowserChecks(f1, 'Kieltäydyn', decline);
  assert.match(await mainText(f1), /Tämä tieto tarvitaan\./, 'a decline without a reason is refused');
  const reason = 'Olen tämän tiimin entinen esihenkilö';
  await f1.getByRole('group', { name: 'Kieltäydy tilauksesta' }).getByLabel(/^Syy/).fill(reason);
  await submit(f1, 'Kieltäydyn', f1.getByRole('group', { name: 'Kieltäydy tilauksesta' }));
  assert.match(await mainText(f1), /Kieltäydyit tilauksesta\. Se palasi jonoon\./);
  assert.equal((await visit(f1, processPath)).status(), 404, 'no longer theirs to see');

  // Back in the queue with its next proposal; the coordinator offers it to the next one.
  await visit(c, new URL(c.url()).pathname + '?queue=1');
  const row = c.getByRole('row', { name: /Kotihoidon tiimi 3/ });
  assert.match(await row.innerText(), /Yksi kieltäytyi/);
  await follow(c, /^Seuraava ehdotus: /, row);
  assert.match(
    await c.getByRole('region', { name: 'Ei ehdoteta' }).innerText(),
    new RegExp(`${first}: Kieltäytyi tästä tilauksesta: ${reason}`),
  );
  const second = (await c.getByRole('region', { name: 'Ehdotetut, paras ensin' }).getByRole('heading', { level: 3 }).first().innerText()).trim();
  assert.notEqual(second, first, 'whoever declined is not proposed again');
  await submit(c, `Anna tehtäväksi: ${second}`);

  // The next one accepts, and the order is in their list.
  const f2 = await logIn(await emailOf(org, second));
  await openOffered(f2, 'Kotihoidon tiimi 3');
  await submit(f2, 'Otan tilauksen vastaan');
  assert.match(await f2.getByRole('region', { name: 'Tapahtumat' }).innerText(), new RegExp(`${second} otti tilauksen vastaan\\.`));
  await visit(f2, '/facilitation');
  const coming = await f2.getByRole('region', { name: 'Tulossa' }).innerText();
  assert.match(coming, /Kotihoidon tiimi 3/);
  assert.doesNotMatch(coming, /odottaa vastaustasi/);

  // An order whose plan has its session: the month's capacity counts, and the orderer's own
  // unit's facilitators are not proposed.
  await follow(c, 'Etusivu');
  await follow(c, 'Tilausjono');
  await follow(c, 'Varhaiskasvatuksen tiimi Kielo');
  await follow(c, 'Näytä ehdotetut fasilitaattorit');
  const planned = await mainText(c);
  assert.doesNotMatch(planned, /Tilaisuuksien päiviä ei ole vielä/);
  assert.match(planned, /Kuukauden kapasiteettia jää \d/);
  assert.match(await c.getByRole('region', { name: 'Ei ehdoteta' }).innerText(), /Samasta yksiköstä kuin tilaaja/);

  // The rest of the queue at once: the joint assignment's pairs, offered with one button.
  await follow(c, 'Etusivu');
  await follow(c, 'Tilausjono');
  await follow(c, 'Jaa koko jono kerralla');
  assert.match(await c.getByRole('status').innerText(), /\d+ \/ \d+ tilausta saa fasilitaattorin/);
  const ticked = await c.getByRole('checkbox').count();
  assert.ok(ticked > 0, 'someone is free for a waiting order');
  await submit(c, 'Tarjoa valitut');
  assert.match(await c.getByRole('status').first().innerText(), /tarjottiin fasilitaattorei?lle/);
  assert.ok((await h.closeAll()) > 0);
});
