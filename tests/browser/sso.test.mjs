// Single sign-on (part 8, item 4) with the test OpenID provider (tests/oidc/provider.mjs, the
// npm package oidc-provider) on its own loopback port. The demo city's admin maps the
// provider's group of facilitators to the facilitator role and invites a new colleague as an
// orderer. The colleague, who has no account, presses "Kirjaudu organisaation tunnuksella",
// logs in at the provider and lands on vuoro's front page: the invitation made the account,
// the sign-on is linked to it, and the group gave the facilitator role. Then the admin turns
// password log-in off for the city (the page asks first), and a member's password is refused
// while the site administrator keeps theirs. Every page, the provider's included, is checked
// with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startServer,
  launchBrowser,
  newPerson,
  personLoggedIn,
  visit,
  follow,
  submit,
  mainText,
  DEMO_PASSWORD,
} from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const COLLEAGUE = {
  login: 'uusi',
  sub: 'sub-uusi',
  email: 'uusi.kollega@demo.vuoro.fi',
  email_verified: true,
  name: 'Uuna Kollega',
  groups: ['vuoro-fasilitaattorit', 'kaikki-tyontekijat'],
};

/** A free loopback port, for a server whose settings must name it before it starts. */
async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts the test provider for a vuoro at `base`; resolves to { issuer, stop }. */
async function startProvider(base) {
  const child = spawn(
    process.execPath,
    [join(here, '..', 'oidc', 'provider.mjs'), '--redirect-uri', `${base}/login/sso/callback`],
    { env: { ...process.env, OIDC_USERS: JSON.stringify([COLLEAGUE]) }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const issuer = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the test provider did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/^oidc provider at (http:\/\/\S+)$/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the test provider stopped (code ${code})`)));
  });
  return {
    issuer,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const h = { people: [] };
before(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  h.provider = await startProvider(base);
  h.server = await startServer({
    port,
    env: {
      VUORO_PUBLIC_URL: base,
      VUORO_OIDC_ISSUER: h.provider.issuer,
      VUORO_OIDC_CLIENT_ID: 'vuoro',
      VUORO_OIDC_CLIENT_SECRET: 'vuoro-test-secret',
    },
  });
  assert.equal(h.server.url, base);
  h.browser = await launchBrowser();
});
after(async () => {
  for (const p of h.people) await p.context.close().catch(() => {});
  await h.browser?.close().catch(() => {});
  await h.server?.stop();
  await h.provider?.stop();
});

test('a colleague signs on with the organisation account, invited and given a role by a group; password log-in off refuses a password', async () => {
  // The admin opens the city's sign-on page and maps the facilitators' group to the role.
  const admin = await personLoggedIn(h.browser, h.server.url, 'admin@demo.vuoro.fi');
  h.people.push(admin);
  const a = admin.page;
  await visit(a, '/admin/orgs');
  await follow(a, 'Esimerkkilän kaupunki');
  const orgPath = new URL(a.url()).pathname;

  // A new colleague is invited as an orderer (with no mail set up, the link is shown here; the
  // sign-on needs no link: the invitation is found by the verified address).
  const invite = a.locator('form[action$="/invitations"]');
  await invite.getByLabel(/^Sähköposti/).fill(COLLEAGUE.email);
  await invite.getByRole('checkbox', { name: 'Tilaaja' }).check();
  await submit(a, 'Luo kutsu');

  await follow(a, 'Kertakirjautuminen');
  assert.equal(new URL(a.url()).pathname, `${orgPath}/sign-on`);
  await a.getByRole('textbox', { name: 'Ryhmä' }).fill('vuoro-fasilitaattorit');
  await a.locator('form[action$="/sign-on/groups"]').first().getByRole('checkbox', { name: 'Fasilitaattori' }).check();
  await submit(a, 'Tallenna ryhmän roolit');
  assert.match(await mainText(a), /vuoro-fasilitaattorit/);

  // The colleague signs on from the log-in page.
  const colleague = await newPerson(h.browser, h.server.url, 'kollega', { alsoAllow: [h.provider.issuer] });
  h.people.push(colleague);
  const c = colleague.page;
  await visit(c, '/login');
  await submit(c, 'Kirjaudu organisaation tunnuksella');
  assert.equal(new URL(c.url()).origin, h.provider.issuer, 'at the provider');
  await c.getByLabel('Log-in name').fill(COLLEAGUE.login);
  await c.getByLabel('Password').fill(COLLEAGUE.login);
  await submit(c, 'Log in');
  assert.equal(c.url(), `${h.server.url}/`, 'on the front page');
  assert.match(await c.locator('header.top').innerText(), /Uuna Kollega/);

  // The invitation's role and the group's: the admin sees both, and how they came.
  await visit(a, orgPath);
  const member = a.getByRole('group', { name: /Uuna Kollega/ });
  assert.equal(await member.getByRole('checkbox', { name: 'Tilaaja' }).isChecked(), true);
  assert.equal(await member.getByRole('checkbox', { name: 'Fasilitaattori' }).isChecked(), true);
  assert.match(await mainText(a), /kertakirjautumisen ryhmät/);

  // Password log-in off for the city: the page asks first.
  await visit(a, `${orgPath}/sign-on`);
  await submit(a, 'Poista salasanalla kirjautuminen käytöstä');
  assert.match(await mainText(a), /Poistetaanko salasanalla kirjautuminen käytöstä\?/);
  await submit(a, 'Kyllä, poista salasanalla kirjautuminen käytöstä');
  assert.match(await mainText(a), /Salasanalla kirjautuminen on pois käytöstä/);

  // A member of the city is refused their password and pointed to the sign-on.
  const member2 = await newPerson(h.browser, h.server.url, 'fasilitaattori');
  h.people.push(member2);
  const m = member2.page;
  await visit(m, '/login');
  await m.getByLabel(/^Sähköposti/).fill('fasilitaattori@demo.vuoro.fi');
  await m.getByLabel(/^Salasana/).fill(DEMO_PASSWORD);
  await submit(m, 'Kirjaudu');
  assert.equal(new URL(m.url()).pathname, '/login');
  assert.match(
    (await m.getByRole('alert').allInnerTexts()).join(' '),
    /Organisaatiosi on ottanut salasanalla kirjautumisen pois käytöstä/,
  );

  // The site administrator keeps a password, so the service can be reached without sign-on.
  const site = await personLoggedIn(h.browser, h.server.url, 'admin@demo.vuoro.fi');
  h.people.push(site);

  let pages = 0;
  for (const p of h.people.splice(0)) pages += await p.close();
  assert.ok(pages >= 12, `every page was checked (${pages})`);
});
