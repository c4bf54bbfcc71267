// The test OpenID Connect provider: the npm package oidc-provider (installed with the browser
// tests' packages, tests/browser/package.json) on a free loopback port, with one client for
// vuoro and a plain log-in form that a browser, or a test speaking HTTP, fills in.
//
//   node tests/oidc/provider.mjs --redirect-uri http://127.0.0.1:8080/login/sso/callback
//
// prints one line `oidc provider at http://127.0.0.1:PORT` once it listens, and runs until it
// is killed. The client is `vuoro` with the secret `vuoro-test-secret`. Its people (log-in name
// and password alike) come from OIDC_USERS, a JSON list of
// { login, sub, email, email_verified, name, groups }, or are the ones below. The ID token
// carries the e-mail, its verified flag, the name and the groups claim, as Entra ID or
// Keycloak configured for vuoro would.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The package lives with the browser tests' packages, not beside this file.
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'browser', 'package.json'));
const { default: Provider } = await import(
  pathToFileURL(require.resolve('oidc-provider')).href
);

export const CLIENT_ID = 'vuoro';
export const CLIENT_SECRET = 'vuoro-test-secret';

const DEFAULT_USERS = [
  {
    login: 'verified',
    sub: 'sub-verified',
    email: 'verified@oidc.test',
    email_verified: true,
    name: 'Veera Vahvistettu',
    groups: ['vuoro-fasilitaattorit'],
  },
  {
    login: 'unverified',
    sub: 'sub-unverified',
    email: 'unverified@oidc.test',
    email_verified: false,
    name: 'Uuno Vahvistamaton',
    groups: [],
  },
];

function argument(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const redirectUri = argument('--redirect-uri');
if (!redirectUri) {
  console.error('usage: provider.mjs --redirect-uri URL [--port N]');
  process.exit(2);
}
const users = process.env.OIDC_USERS ? JSON.parse(process.env.OIDC_USERS) : DEFAULT_USERS;
const bySub = new Map(users.map((u) => [u.sub, u]));

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The page is set in vuoro's own Noto Sans, served from the repository, as the browser tests
// check of every page they open (their reflow check needs the served face).
const FONT = join(here, '..', '..', 'crates', 'vuoro-web', 'assets', 'fonts', 'NotoSans-Regular-latin.woff2');
const STYLE = `@font-face { font-family: "Noto Sans"; src: url("/font.woff2") format("woff2"); }
body { font-family: "Noto Sans", sans-serif; margin: 1rem; }`;

function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body>
</html>`;
}

function loginForm(uid, failed) {
  return page(
    'Test provider: log in',
    `${failed ? '<p role="alert">Unknown log-in name or wrong password.</p>' : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="login">Log-in name</label><br><input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log in</button></p>
</form>`,
  );
}

async function formBody(req) {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(raw);
}

// The server listens first, so the issuer can name its port.
const server = createServer();
await new Promise((resolve) => server.listen(Number(argument('--port') || 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  // The ID token carries every claim of the scopes asked, as vuoro reads them from it.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const u = bySub.get(sub);
    if (!u) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: u.email,
          email_verified: u.email_verified,
          name: u.name,
          groups: u.groups,
        };
      },
    };
  },
  // vuoro is this provider's own client: no consent page, the scopes asked are granted.
  async loadExistingGrant(ctx) {
    const existing =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (ctx, err) => console.error('provider error:', err));

const callback = provider.callback();
server.on('request', async (req, res) => {
  if (req.url === '/font.woff2') {
    res.writeHead(200, { 'content-type': 'font/woff2' });
    return res.end(readFileSync(FONT));
  }
  const m = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!m) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== m[1]) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !m[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginForm(details.uid, false));
    }
    if (req.method === 'POST' && m[2]) {
      const form = await formBody(req);
      const u = users.find((x) => x.login === form.get('login'));
      if (!u || form.get('password') !== u.login) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginForm(details.uid, true));
      }
      return provider.interactionFinished(req, res, { login: { accountId: u.sub } }, {
        mergeWithLastSubmission: false,
      });
    }
    res.writeHead(405).end();
  } catch (e) {
    console.error('interaction failed:', e);
    res.writeHead(400, { 'content-type': 'text/plain' }).end('interaction failed');
  }
});

console.log(`oidc provider at ${issuer}`);
