// Shared machinery of the browser tests: a fresh demo server, Debian's Chromium driven by
// playwright-core, one browser context per person, and an axe-core audit of every page that a
// test opens. Pages are opened only through the helpers below (visit, follow, submit), which
// wait for the new page and audit it; on top of that every context counts the documents it
// loaded, and closing it fails if any document was never audited.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE_SOURCE = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const DEMO_PASSWORD = 'vuoro-demo-2026';
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** How long one step may wait for the server or the browser. Debug builds hash slowly. */
export const STEP_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// The server

/**
 * The database a test server runs on: a fresh SQLite file in `dir`, or, with
 * VUORO_BROWSER_BACKEND=postgres, a fresh database on the PostgreSQL server that
 * VUORO_TEST_POSTGRES names (tests/browser/run.sh runs the Good Practices test so).
 */
function freshDatabase(dir) {
  if (process.env.VUORO_BROWSER_BACKEND !== 'postgres') return join(dir, 'vuoro.db');
  const server = process.env.VUORO_TEST_POSTGRES;
  if (!server) throw new Error('VUORO_BROWSER_BACKEND=postgres needs VUORO_TEST_POSTGRES');
  const name = `vuoro_e2e_${process.pid}_${Date.now()}`;
  execFileSync('psql', [server, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts `$VUORO_BIN --db <fresh database> demo --listen 127.0.0.1:0` and waits for the line
 * `vuoro is running at http://ADDR/`. Returns { url, stop, output }. `port` (for settings that
 * must name the server's address before it starts, such as single sign-on's) and `env` (more
 * VUORO_* settings) are optional.
 */
export async function startServer({ port = 0, env: extraEnv = {} } = {}) {
  const bin = process.env.VUORO_BIN;
  if (!bin) throw new Error('VUORO_BIN is not set: point it at the vuoro binary (target/debug/vuoro)');
  const dir = mkdtempSync(join(tmpdir(), 'vuoro-e2e-'));
  const db = freshDatabase(dir);
  // Run in the empty temporary folder, so no ./vuoro.toml of the checkout is picked up.
  const env = { ...process.env, VUORO_LOG: process.env.VUORO_LOG || 'warn', ...extraEnv };
  delete env.VUORO_CONFIG;
  const child = spawn(bin, ['--db', db, 'demo', '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (line) => {
    output.push(line);
    if (output.length > 200) output.shift();
  };
  createInterface({ input: child.stderr }).on('line', keep);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not say where it listens within 60 s:\n${output.join('\n')}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      const m = line.match(/vuoro is running at (http:\/\/[^\s/]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped (code ${code}, signal ${signal}) before listening:\n${output.join('\n')}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
    child.kill('SIGKILL');
    throw new Error(`the server listens at ${url}, not on 127.0.0.1`);
  }

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT'); // the server shuts down gracefully on Ctrl-C
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { url, stop, output };
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Launches Debian's Chromium headless, with a fresh profile that playwright-core manages. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new browser context: a person with their own cookies, under the site's Content Security
 * Policy as a real browser is, so a CSP that would break a page (a form posting to the sign-on
 * provider, a script) fails the test. axe-core is put in every page by an init script, which
 * the DevTools protocol runs outside the page's CSP. Requests anywhere but the test server
 * (and the origins in `alsoAllow`, such as the test OpenID provider) are refused, so nothing
 * leaves the machine.
 */
export async function newPerson(browser, baseURL, who = 'vierailija', { alsoAllow = [] } = {}) {
  const context = await browser.newContext({
    baseURL,
    locale: 'fi-FI',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const origins = new Set([baseURL, ...alsoAllow].map((u) => new URL(u).origin));
  await context.addInitScript({ content: AXE_SOURCE });
  await context.route(
    (u) => !origins.has(u.origin),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const track = { who, loads: [], audited: new Set() };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) track.lastUrl = frame.url();
  });
  page.on('domcontentloaded', () => track.loads.push(track.lastUrl || page.url()));
  page.__vuoro = track;
  return {
    who,
    context,
    page,
    /** Closes the context; fails if a page it loaded was never audited. Returns the count. */
    async close() {
      const skipped = track.loads.length - track.audited.size;
      await context.close();
      if (skipped > 0) {
        throw new Error(
          `${who}: ${skipped} of ${track.loads.length} loaded pages were not checked with axe ` +
            `(pages loaded: ${track.loads.join(', ')})`,
        );
      }
      return track.audited.size;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and throws a readable list of the
 * violations. Each document is audited once; the audit is recorded for the close() check.
 */
export async function audit(page) {
  await page.waitForLoadState('load');
  const origin = await page.evaluate(() => String(performance.timeOrigin));
  const track = page.__vuoro;
  if (track?.audited.has(origin)) return;
  await recheck(page);
  track?.audited.add(origin);
}

/**
 * Runs the same checks on the page as it is now, audited before or not: for parts of a page
 * that live updates have replaced since it loaded.
 */
export async function recheck(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  // The init script puts it in every page; a page without it would be a harness fault.
  if (!has) throw new Error(`axe-core is missing on ${page.url()}`);
  const result = await page.evaluate(
    async (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  if (result.violations.length > 0) {
    const lines = [];
    for (const v of result.violations) {
      lines.push(`- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`);
      for (const n of v.nodes.slice(0, 8)) {
        lines.push(`    at ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`);
      }
      if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
    }
    throw new Error(`axe found ${result.violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
  await checkReflow(page);
  await checkPrimary(page);
}

/** The first screen of a staff page: a laptop, the smallest a facilitator runs a session on. */
export const FIRST_VIEWPORT = { width: 1366, height: 768 };

/**
 * The quality bar of a staff page (a page of the staff layout, whose <body> carries
 * `data-staff`; phones, the projector and public pages do not): exactly one element is marked
 * as the page's primary action (`.primary`), and it lies within the first 1366×768 screen, so
 * what to do next is visible without scrolling. Runs wherever the accessibility audit runs.
 */
export async function checkPrimary(page) {
  const staff = await page.evaluate(() => document.body?.hasAttribute('data-staff') ?? false);
  if (!staff) return;
  const size = page.viewportSize();
  await page.setViewportSize(FIRST_VIEWPORT);
  const found = await page.evaluate(({ width, height }) => {
    const name = (e) =>
      `<${e.tagName.toLowerCase()}> "${(e.innerText || e.value || e.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
    return [...document.querySelectorAll('.primary')].map((e) => {
      const r = e.getBoundingClientRect();
      // Page coordinates, whatever the page is scrolled to (a redirect may land on an anchor).
      const top = r.top + window.scrollY;
      const left = r.left + window.scrollX;
      const shown = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      const inside = shown && top >= 0 && left >= 0 && top + r.height <= height && left + r.width <= width;
      return { name: name(e), inside, at: `${Math.round(left)},${Math.round(top)} (${Math.round(r.width)}×${Math.round(r.height)})`, shown };
    });
  }, FIRST_VIEWPORT);
  if (size) await page.setViewportSize(size);
  const where = `${page.url()} (${await page.title()})`;
  if (found.length !== 1) {
    throw new Error(
      `staff page ${where} has ${found.length} elements marked primary (class="primary"); it needs exactly one, its main action` +
        (found.length ? `:\n  ${found.map((f) => f.name).join('\n  ')}` : ''),
    );
  }
  const [p] = found;
  if (!p.inside) {
    throw new Error(
      `staff page ${where}: its primary action ${p.name} is ${p.shown ? `at ${p.at}, outside` : 'not shown in'} the first ` +
        `${FIRST_VIEWPORT.width}×${FIRST_VIEWPORT.height} screen; it must be visible without scrolling`,
    );
  }
}

/**
 * WCAG 1.4.10 Reflow, which axe cannot check: at 320 CSS pixels wide (a phone, or 400 % zoom
 * of a 1280 px window) the page must not scroll sideways.
 */
export async function checkReflow(page) {
  // Pages wrap in the font the server sends, never in the machine's own: a fresh Debian has no
  // Noto Sans, and its fallback is wider. So the text must have been set in the served face.
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts]
      .filter((f) => f.status === 'loaded')
      .map((f) => f.family.replace(/["']/g, ''));
  });
  if (!faces.includes('Noto Sans')) {
    throw new Error(`${page.url()} was not set in the served Noto Sans (loaded: ${faces.join(', ') || 'none'})`);
  }
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const over = (e) => e.getBoundingClientRect().right > width + 1;
    const name = (e) =>
      e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + [...e.classList].map((c) => `.${c}`).join('');
    return [...document.body.querySelectorAll('*')]
      .filter((e) => over(e) && ![...e.children].some(over))
      .slice(0, 6)
      .map((e) => `${name(e.parentElement)} > ${name(e)} "${(e.textContent || '').trim().slice(0, 40)}"`);
  });
  if (size) await page.setViewportSize(size);
  if (wide) {
    throw new Error(
      `${page.url()} scrolls sideways at 320 px wide (WCAG 1.4.10 Reflow); too wide:\n  ${wide.join('\n  ')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Moving between pages; every new page is audited

/** Opens a path by typing it in the address bar. Returns the response. */
export async function visit(page, path) {
  const res = await page.goto(path, { waitUntil: 'load' });
  await audit(page);
  return res;
}

/**
 * Clicks something that loads a new page (a link or a submit button) and audits the page that
 * comes. Returns the main document's response.
 */
export async function navigate(page, locator) {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ]);
  await audit(page);
  return res;
}

/** Follows the link with this accessible name. */
export async function follow(page, name, scope = page) {
  return navigate(page, scope.getByRole('link', { name, exact: typeof name === 'string' }));
}

/** Presses the submit button with this accessible name. */
export async function submit(page, name, scope = page) {
  return navigate(page, scope.getByRole('button', { name, exact: typeof name === 'string' }));
}

/** Submits a form the way a browser without client-side validation would. */
export async function submitWithoutBrowserChecks(page, name, scope = page) {
  const button = scope.getByRole('button', { name, exact: typeof name === 'string' });
  await button.evaluate((b) => {
    if (b.form) b.form.noValidate = true;
  });
  return navigate(page, button);
}

// ---------------------------------------------------------------------------------------------
// People

/** Logs in on the log-in page as `email` (a demo person unless a password is given). */
export async function logIn(page, email, password = DEMO_PASSWORD) {
  if (new URL(page.url()).pathname !== '/login') await visit(page, '/login');
  await page.getByLabel(/^Sähköposti/).fill(email);
  await page.getByLabel(/^Salasana/).fill(password);
  await submit(page, 'Kirjaudu');
  const path = new URL(page.url()).pathname;
  if (path !== '/') {
    const alert = await page.getByRole('alert').allInnerTexts();
    throw new Error(`logging in as ${email} did not lead to the front page but to ${page.url()} ${alert.join(' ')}`);
  }
}

/** A new context, logged in. */
export async function personLoggedIn(browser, baseURL, email, password = DEMO_PASSWORD) {
  const person = await newPerson(browser, baseURL, email);
  await logIn(person.page, email, password);
  return person;
}

// ---------------------------------------------------------------------------------------------
// Reading pages

/** The text of the elements that an element's aria-describedby points to. */
export async function description(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(missing #${id})`)
      .join(' | '),
  );
}

/** The visible text of the main content, whitespace collapsed. */
export async function mainText(page) {
  return (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
}

/** The state badge of a process page. */
export async function processState(page) {
  return (await page.getByRole('main').locator('.state').first().innerText()).trim();
}

/** The path of the page, without the origin. */
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// ---------------------------------------------------------------------------------------------
// A test file of its own server and browser

/**
 * Starts the demo server and Chromium before the file's tests and stops both after them,
 * closing every person's context. `person` and `facilitator` add people that are cleaned up;
 * `closeAll` closes them at the end of a test and returns how many pages were checked (it fails
 * if any page a person loaded was not).
 */
export function harness() {
  const h = { server: undefined, browser: undefined, people: [] };
  before(async () => {
    h.server = await startServer();
    h.browser = await launchBrowser();
  });
  after(async () => {
    for (const p of h.people) await p.context.close().catch(() => {});
    await h.browser?.close().catch(() => {});
    await h.server?.stop();
  });
  h.person = async (who) => {
    const p = await newPerson(h.browser, h.server.url, who);
    h.people.push(p);
    return p;
  };
  /** The demo facilitator, who opens the demo class dialogue's session; its code and page. */
  h.openDemoSession = async () => {
    const fac = await personLoggedIn(h.browser, h.server.url, 'fasilitaattori@demo.vuoro.fi');
    h.people.push(fac);
    await follow(fac.page, 'Koulun 8B-luokka');
    await submit(fac.page, 'Avaa istunto: Luokkadialogi');
    const code = (await fac.page.locator('.join-box .code').innerText()).replace(/\s/g, '');
    return { fac, board: fac.page, code, runPath: new URL(fac.page.url()).pathname };
  };
  h.closeAll = async () => {
    let pages = 0;
    for (const p of h.people.splice(0)) pages += await p.close();
    return pages;
  };
  return h;
}
