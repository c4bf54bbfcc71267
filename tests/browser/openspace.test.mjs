// An open space in the browser: the facilitator sets up two time slots and two rooms, twelve
// participants join from their own browsers, four of them propose topics that appear on the
// other phones without a reload, everyone picks a group, the facilitator places the topics on
// the schedule and starts the first slot, each group writes its notes and sees its own group's
// notes arrive, and the facilitator's board and the projector show every note with its topic.
// Then the facilitator ends the group work: every phone says so (live, and on a reload without
// JavaScript), and a note written afterwards belongs to no group.
// Every page, and every part of a page that live updates replaced, is checked with axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, audit, recheck, mainText } from './helpers.mjs';

const h = harness();
const PHONES = 12;
const TOPICS = ['Työrauha luokassa', 'Välitunnit', 'Kotitehtävät', 'Ruokala'];

test('an open space: 12 phones, a marketplace of topics, a schedule, group notes', async () => {
  const { board, code, runPath } = await h.openDemoSession();

  const phones = [];
  for (let i = 1; i <= PHONES; i++) {
    const p = await h.person(`puhelin-${i}`);
    await visit(p.page, `/join/${code}`);
    if (i % 3 === 0) {
      await p.page.getByLabel('Haluan näyttää nimeni').check();
      await p.page.getByLabel('Nimi', { exact: true }).fill(`Oppilas ${i}`);
    }
    await submit(p.page, 'Liity');
    phones.push(p.page);
  }

  // Setting up or starting a slot reloads the phones (the server tells them to); wait for
  // those reloads and check each page.
  const phonesFollow = async (action) => {
    const reloads = phones.map((p) => p.waitForEvent('load'));
    await action();
    await Promise.all(reloads);
    for (const p of phones) await audit(p);
  };

  // The open space is set up on the set-up view, reached from the runner.
  await visit(board, runPath);
  await follow(board, 'Valmistele learning café tai open space');
  const setupPath = new URL(board.url()).pathname;
  const openSpace = board.getByRole('region', { name: 'Open space' });
  await board.getByLabel('Ajat', { exact: true }).fill('9.00–9.45\n10.00–10.45');
  await board.getByLabel('Tilat', { exact: true }).fill('Sali A\nKirjasto');
  await phonesFollow(() => submit(board, 'Avaa aiheiden tori', openSpace));

  // The second proposer starts typing while the topics part of its page is on its way after
  // the first topic: the part is held on the way, and what the person typed must survive it.
  const typist = phones[1];
  let partAsked;
  const asked = new Promise((resolve) => (partAsked = resolve));
  let releasePart;
  const released = new Promise((resolve) => (releasePart = resolve));
  await typist.route('**/openspace/phone', async (route) => {
    partAsked();
    await released;
    await route.continue();
  });

  // Four phones propose; the others see each topic appear without reloading.
  for (const [i, title] of TOPICS.entries()) {
    const p = phones[i];
    if (p === typist) {
      await asked;
      await p.getByLabel('Ehdota aihetta').fill(title);
      releasePart();
      await p.locator('#openspace[data-stale]').waitFor();
      assert.equal(await p.getByLabel('Ehdota aihetta').inputValue(), title, 'a live update keeps the typed text');
      await p.unroute('**/openspace/phone');
    } else {
      await p.getByLabel('Ehdota aihetta').fill(title);
    }
    await submit(p, 'Ehdota');
    await phones[PHONES - 1].locator('#openspace').getByText(title, { exact: true }).waitFor();
  }
  const watcher = phones[PHONES - 1];
  assert.equal(await watcher.locator('#openspace li.topic').count(), 4, 'all four topics are listed');
  assert.match(await mainText(watcher), /Aiheet \(4\)/);
  await recheck(watcher);

  // Everyone picks a group for the first slot: topics 1 and 2 will meet then, 3 and 4 later.
  const groupOf = (i) => (i % 2 === 0 ? TOPICS[0] : TOPICS[1]);
  for (const [i, p] of phones.entries()) {
    if (i < 2) continue; // the proposers of topics 1 and 2 go to their own topics
    const item = p.locator('#openspace li.topic', { hasText: groupOf(i) });
    await submit(p, 'Menen tähän', item);
    assert.match(await item.innerText(), /Sinä menet tähän\./);
  }

  // The facilitator places the topics on the schedule; the picks counts are on the board.
  const cells = ['9.00–9.45 · Sali A', '9.00–9.45 · Kirjasto', '10.00–10.45 · Sali A', '10.00–10.45 · Kirjasto'];
  for (const [n, cell] of cells.entries()) {
    await visit(board, setupPath);
    await board.locator(`#cell-${n + 1}`).selectOption({ label: cell });
    await submit(board, 'Sijoita', board.locator(`#topic-${n + 1}`));
  }
  const schedule = board.getByRole('table', { name: 'Aikataulu' });
  assert.match(await schedule.innerText(), /#1 Työrauha luokassa \(6 menossa\)/);
  assert.match(await schedule.innerText(), /#2 Välitunnit \(6 menossa\)/);

  // The phones' plans follow the placement without a reload.
  await watcher.locator('#openspace').getByText('Minne menet').waitFor();
  await watcher.locator('#openspace .os-plan').getByText(TOPICS[1]).waitFor();
  await recheck(watcher);

  // The groups run from the runner, which shows the schedule too.
  await visit(board, runPath);
  assert.match(await board.getByRole('table', { name: 'Aikataulu' }).innerText(), /#1 Työrauha luokassa/);
  await board.locator('#os-slot').selectOption({ label: '9.00–9.45' });
  await phonesFollow(() => submit(board, 'Aloita ryhmät', openSpace));

  // Each phone writes for its group; the group's phones show the group's notes as they come.
  for (const [i, p] of phones.entries()) {
    assert.match(await p.locator('#os-now').innerText(), /Ryhmät kokoontuvat nyt: 9\.00–9\.45/);
    const group = i < 2 ? TOPICS[i] : groupOf(i);
    assert.equal(
      await p.getByLabel('Ryhmä', { exact: true }).locator('option:checked').innerText(),
      group,
      `phone ${i + 1} writes for its own group by default`,
    );
    await p.getByLabel('Sinun ajatuksesi').fill(`Puhelimen ${i + 1} ajatus`);
    await submit(p, 'Lähetä');
  }
  const firstGroup = phones.filter((_, i) => (i < 2 ? TOPICS[i] : groupOf(i)) === TOPICS[0]);
  const reader = firstGroup[0];
  for (const [i] of phones.entries()) {
    const mine = (i < 2 ? TOPICS[i] : groupOf(i)) === TOPICS[0];
    const note = reader.locator('#openspace').getByText(`Puhelimen ${i + 1} ajatus`, { exact: true });
    if (mine) await note.waitFor();
    else assert.equal(await note.count(), 0, `phone ${i + 1}'s note is another group's`);
  }
  await recheck(reader);

  // The board shows every note with its topic; so does the projector, with the schedule.
  await visit(board, runPath);
  const text = await mainText(board);
  for (let i = 1; i <= PHONES; i++) assert.match(text, new RegExp(`Puhelimen ${i} ajatus`));
  assert.equal(await board.locator('#board .note-mark', { hasText: 'Aihe: #1 Työrauha luokassa' }).count(), 6);
  assert.equal(await board.locator('#board .note-mark', { hasText: 'Aihe: #2 Välitunnit' }).count(), 6);
  await visit(board, runPath.replace('/run', '/projector'));
  const wall = await mainText(board);
  assert.match(wall, /Ryhmät kokoontuvat nyt: 9\.00–9\.45/);
  assert.match(wall, /#3 Kotitehtävät/);
  assert.equal(await board.locator('#board li.note').count(), PHONES);

  // The facilitator ends the group work; every phone reloads and says so.
  await visit(board, runPath);
  await phonesFollow(() => submit(board, 'Päätä ryhmätyö', openSpace));
  for (const [i, p] of phones.entries()) {
    const text = await mainText(p);
    assert.match(text, /Ryhmätyö on päättynyt\. Kiitos!/, `phone ${i + 1} says the group work is over`);
    assert.doesNotMatch(text, /Ryhmät kokoontuvat nyt/);
    assert.equal(await p.getByLabel('Ryhmä', { exact: true }).count(), 0, `phone ${i + 1} writes for no group`);
  }
  // Without JavaScript too: a fresh load says the same.
  await visit(phones[0], new URL(phones[0].url()).pathname);
  assert.match(await mainText(phones[0]), /Ryhmätyö on päättynyt/);
  await phones[1].getByLabel('Sinun ajatuksesi').fill('Ryhmätyön jälkeen');
  await submit(phones[1], 'Lähetä');
  await visit(board, runPath);
  const late = board.locator('#board li.note', { hasText: 'Ryhmätyön jälkeen' });
  await late.waitFor();
  assert.equal(await late.locator('.note-mark', { hasText: /Aihe:/ }).count(), 0, 'a note after the group work has no group');
  assert.match(await mainText(board), /Ryhmätyö on päättynyt\./);

  const pages = await h.closeAll();
  assert.ok(pages > 50, `${pages} pages checked`);
});
