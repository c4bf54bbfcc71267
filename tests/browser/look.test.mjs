// How the staff screens look and read (issue 11, items 12 and 13): one filled primary action,
// quiet secondary buttons and red destructive ones; inputs one can hit; no word broken in the
// middle inside a table cell; and the phone's 1–5 feedback scale in one row on a 320–390 px
// phone. (That every staff page has exactly one primary action within 1366×768 is checked on
// every page of every test, in helpers.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, visit, follow, submit, audit, personLoggedIn, FIRST_VIEWPORT } from './helpers.mjs';

const h = harness();

/** Words of table cells that the browser laid out on more than one line ("Ryh/mät"). */
async function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const cell of document.querySelectorAll('main th, main td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

test('staff screens: a filled primary, outlined secondaries, red danger, tall inputs, whole words in tables', async () => {
  const coordinator = await personLoggedIn(h.browser, h.server.url, 'koordinaattori@demo.vuoro.fi');
  h.people.push(coordinator);
  const page = coordinator.page;
  await page.setViewportSize(FIRST_VIEWPORT);

  // The order form is long; its primary action stays in view at the bottom of the window.
  await follow(page, 'Tilaa dialogi');
  const look = await page.evaluate(() => {
    const style = (e) => getComputedStyle(e);
    const primary = document.querySelector('main .primary');
    const secondary = document.querySelector('header.top button');
    // A destructive button as any page would mark it.
    const danger = document.createElement('button');
    danger.className = 'danger';
    danger.textContent = 'x';
    document.querySelector('main').append(danger);
    const fields = [...document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea')];
    const out = {
      primary: [style(primary).backgroundColor, style(primary).color],
      primaryBottom: primary.getBoundingClientRect().bottom,
      secondary: [style(secondary).backgroundColor, style(secondary).color],
      danger: [style(danger).backgroundColor, style(danger).color, style(danger).borderTopColor],
      lowestField: Math.min(...fields.map((e) => e.getBoundingClientRect().height)),
      fields: fields.length,
    };
    danger.remove();
    return out;
  });
  assert.deepEqual(look.primary, ['rgb(11, 83, 148)', 'rgb(255, 255, 255)'], 'the primary action is filled');
  assert.deepEqual(look.secondary, ['rgb(255, 255, 255)', 'rgb(11, 83, 148)'], 'a secondary button is outlined');
  assert.deepEqual(look.danger, ['rgb(253, 240, 240)', 'rgb(164, 22, 26)', 'rgb(164, 22, 26)'], 'a destructive button is red');
  assert.ok(look.primaryBottom <= FIRST_VIEWPORT.height, `the order form's submit is in view (bottom at ${look.primaryBottom})`);
  assert.ok(look.fields > 5 && look.lowestField >= 40, `every field is at least 40 px tall (lowest ${look.lowestField})`);

  // The coordinator's list of processes: a table of several columns, on a laptop and a phone.
  await visit(page, '/');
  await follow(page, 'Kaikki prosessit');
  assert.ok((await page.locator('main td').count()) > 10, 'the list has rows');
  assert.deepEqual(await brokenWords(page), [], 'no word is broken inside a table cell at 1366 px');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await brokenWords(page), [], 'nor at 390 px, where the table scrolls instead');

  const pages = await h.closeAll();
  assert.ok(pages >= 4, `${pages} pages checked`);
});

test("the phone's feedback scale is one row of five at 320 and 390 px", async () => {
  const { board } = await h.openDemoSession();
  const phone = await h.person('puhelin');
  const code = await board.locator('.join-box .code').innerText();
  await visit(phone.page, `/join/${code.replace(/\s/g, '')}`);
  await submit(phone.page, 'Liity');
  const reload = phone.page.waitForEvent('load');
  await submit(board, 'Avaa palautelomake');
  await reload;
  await audit(phone.page);
  for (const width of [320, 360, 390]) {
    await phone.page.setViewportSize({ width, height: 800 });
    const rows = await phone.page.getByRole('group', { name: 'Minua kuultiin.' }).locator('.scale-option').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: Math.round(r.top), right: r.right, text: e.innerText.trim() };
      }),
    );
    assert.deepEqual(rows.map((r) => r.text), ['1', '2', '3', '4', '5']);
    assert.equal(new Set(rows.map((r) => r.top)).size, 1, `at ${width} px the five options share one row: ${JSON.stringify(rows)}`);
    assert.ok(rows.every((r) => r.right <= width), `at ${width} px every option is on the screen`);
  }
  await h.closeAll();
});
