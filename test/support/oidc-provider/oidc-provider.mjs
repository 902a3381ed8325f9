// A real OpenID provider (oidc-provider, certified) on loopback for the OIDC e2e suite. ESM-only,
// so it runs as a child process: `node oidc-provider.mjs` with OIDC_CLIENTS and OIDC_ACCOUNTS
// (JSON) in the environment; it prints `READY <issuer>` once it listens.
// Interactions are programmatic: GET /interaction/:uid?account=<id> signs that account in, and
// the consent prompt that follows is granted at once. GET /github/user is a GitHub-style profile
// endpoint (no `sub`, a numeric `id`) reading the same access tokens, for the plain OAuth 2.0 path.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['oidc-provider-test-cookie-key'] },
  findAccount: (_ctx, id) => {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: () => ({ sub: id, ...account }) };
  },
  ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
});

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const account = new URL(req.url, issuer).searchParams.get('account');
    if (details.prompt.name === 'login') {
      if (!accounts[account]) return answer(res, 400, `unknown test account "${account}"`);
      return provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } catch (error) {
    return answer(res, 400, String(error?.message ?? error));
  }
}

async function githubUser(req, res) {
  const me = await fetch(`${issuer}/me`, { headers: { authorization: req.headers.authorization ?? '' } });
  if (!me.ok) return answer(res, me.status, 'bad credentials');
  const { sub, email } = await me.json();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: Number(sub.replace(/\D/g, '')) || 1, login: sub, email }));
}

function answer(res, status, message) {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(message);
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) return void interaction(req, res);
  if (req.url.startsWith('/github/user')) return void githubUser(req, res);
  return callback(req, res);
});
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
