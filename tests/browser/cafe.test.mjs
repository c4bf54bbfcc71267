// A learning café of three rounds in the browser: the facilitator sets up three tables with
// hosts, twelve participants join from their own browsers, every phone shows its table for
// each round, the hosts' summaries reach the next groups, and the facilitator's page reports
// repeated encounters against random seating. The facilitator then ends the café: phones stop
// showing a table, and a note written afterwards is labelled with no table on the board or the
// projector. Every page is checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, audit, mainText } from './helpers.mjs';

const h = harness();
const PHONES = 12;

test('a learning café: 12 phones, 3 tables with hosts, 3 rounds', async () => {
  const { board, code, runPath } = await h.openDemoSession();

  const phones = [];
  for (let i = 1; i <= PHONES; i++) {
    const p = await h.person(`puhelin-${i}`);
    await visit(p.page, `/join/${code}`);
    await p.page.getByLabel('Haluan näyttää nimeni').check();
    await p.page.getByLabel('Nimi', { exact: true }).fill(`Oppilas ${i}`);
    await submit(p.page, 'Liity');
    phones.push(p);
  }

  // Every café change reloads the phones (the server tells them to); wait for those reloads
  // and check each page, so no phone page goes unchecked.
  const phonesFollow = async (action) => {
    const reloads = phones.map((p) => p.page.waitForEvent('load'));
    await action();
    await Promise.all(reloads);
    for (const p of phones) await audit(p.page);
  };

  // The café is set up on the set-up view, reached from the runner; rounds run on the runner.
  await visit(board, runPath);
  await follow(board, 'Valmistele learning café tai open space');
  await board.getByLabel('Pöytien kysymykset').fill('Mikä luokassa on kivaa?\nMikä on vaikeaa?\nMitä toivomme?');
  await board.getByLabel('Kierroksia').fill('3');
  await phonesFollow(() => submit(board, 'Perusta pöydät'));
  const cafe = board.getByRole('region', { name: 'Learning café' });
  for (const [table, host] of [['host_0', 'Oppilas 1'], ['host_1', 'Oppilas 2'], ['host_2', 'Oppilas 3']]) {
    await board.locator(`#${table}`).selectOption({ label: host });
  }
  await phonesFollow(() => submit(board, 'Tallenna isännät', cafe));
  await follow(board, 'Takaisin istunnon ohjaukseen');

  let summaryText = '';
  for (let round = 1; round <= 3; round++) {
    await phonesFollow(() => submit(board, `Aloita kierros ${round}`, board.getByRole('region', { name: 'Learning café' })));
    const tables = new Set();
    for (const [i, p] of phones.entries()) {
      const call = await p.page.locator('#my-table').innerText();
      const m = call.match(/Mene pöytään ([ABC])/);
      assert.ok(m, `phone ${i + 1} in round ${round} shows its table: ${call}`);
      tables.add(m[1]);
      if (i === 0) assert.match(call, /Mene pöytään A/, 'the first host stays at A');
      if (round > 1 && m[1] === 'A' && i !== 0) {
        assert.match(await mainText(p.page), new RegExp(summaryText), 'the next group at A reads the summary');
      }
    }
    assert.equal(tables.size, 3, 'all three tables are used');
    if (round === 1) {
      // Everyone writes at their table; the note belongs to that table.
      for (const [i, p] of phones.entries()) {
        await p.page.getByLabel('Sinun ajatuksesi').fill(`Ensimmäisen kierroksen ajatus ${i + 1}`);
        await submit(p.page, 'Lähetä');
      }
    }
    // The host of A leaves a summary for the next group.
    summaryText = `Kierroksen ${round} kooste`;
    const host = phones[0].page;
    await host.getByLabel('Sinun ajatuksesi').fill(summaryText);
    await host.getByLabel('Tämä on pöydän kooste seuraavalle ryhmälle').check();
    await submit(host, 'Lähetä');
    await host.getByRole('region', { name: 'Pöydän muistiinpanot tällä kierroksella' }).getByText(summaryText).waitFor();
  }
  await visit(board, runPath);
  const report = await mainText(board);
  for (let i = 1; i <= PHONES; i++) {
    assert.match(report, new RegExp(`Ensimmäisen kierroksen ajatus ${i}\\b`), `the board shows phone ${i}'s note`);
  }
  assert.equal(await board.locator('#board li.note', { hasText: 'Ensimmäisen kierroksen ajatus' }).count(), PHONES);
  assert.equal(await board.locator('#board .note-mark', { hasText: /Pöytä [ABC]/ }).count(), PHONES + 3, 'every café note shows its table');
  assert.match(report, /Kaikki kierrokset on pelattu/);
  const repeats = Number(report.match(/Toistuvia kohtaamisia: (\d+)/)?.[1]);
  const random = Number(report.match(/Satunnainen jako antaisi keskimäärin (\d+(?:,\d+)?)/)?.[1].replace(',', '.'));
  assert.ok(repeats < random, `the seating (${repeats} repeats) beats random seating (${random})`);


  // The café ends explicitly: every phone reloads, shows no table and says the café is over.
  const runner = board.getByRole('region', { name: 'Learning café' });
  assert.equal(await board.locator('.primary').innerText(), 'Päätä learning café', 'after the last round, ending is the primary action');
  await phonesFollow(() => submit(board, 'Päätä learning café', runner));
  for (const [i, p] of phones.entries()) {
    assert.equal(await p.page.locator('#my-table').count(), 0, `phone ${i + 1} shows no table after the café`);
    const text = await mainText(p.page);
    assert.doesNotMatch(text, /Kierros 3\/3|Mene pöytään/, `phone ${i + 1} no longer sends anyone to a table`);
    assert.match(text, /Learning café on päättynyt/);
  }
  await phones[4].page.getByLabel('Sinun ajatuksesi').fill('Kahvilan jälkeen kirjoitettu');
  await submit(phones[4].page, 'Lähetä');
  await visit(board, runPath);
  const after = board.locator('#board li.note', { hasText: 'Kahvilan jälkeen kirjoitettu' });
  await after.waitFor();
  assert.equal(await after.locator('.note-mark', { hasText: /Pöytä/ }).count(), 0, 'a note after the café has no table on the board');
  assert.match(await mainText(board), /Learning café on päättynyt/);
  await visit(board, runPath.replace('/run', '/projector'));
  const shown = board.locator('#board li.note', { hasText: 'Kahvilan jälkeen kirjoitettu' });
  await shown.waitFor();
  assert.equal(await shown.locator('.note-mark', { hasText: /Pöytä/ }).count(), 0, 'nor on the projector');
  assert.ok(await board.locator('#board .note-mark', { hasText: /Pöytä [ABC]/ }).count() > 0, 'notes written at tables keep their table on the projector');

  const pages = await h.closeAll();
  assert.ok(pages > 40, `${pages} pages checked`);
});
