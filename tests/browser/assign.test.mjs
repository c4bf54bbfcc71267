// Proposals for an order in the browser, in Finnish: the demo city's coordinator opens the
// waiting order from the queue, reads the facilitators proposed for it with their reasons and
// who is not proposed, and assigns the top proposal with one click; the process page then names
// them; an order with its session planned is ranked on the month's capacity and the orderer's
// unit. Every page is checked with axe-core, for its one primary action and for reflow.
// (Offers the facilitator accepts or declines, and partners' facilitators, are not built yet.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, follow, submit, mainText, personLoggedIn } from './helpers.mjs';

const h = harness();

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
  assert.match(await c.getByRole('region', { name: 'Henkilöt' }).innerText(), new RegExp(`Fasilitaattori\\s+${first}`));

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
  assert.ok((await h.closeAll()) > 0);
});
