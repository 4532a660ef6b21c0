// The CRM (crm.mjs) served by Apollo Server over node:http: the third-party GraphQL API that the remote-target tests
// import into. Its records live in memory for the life of the process.
//
// The GraphQL endpoint is /graphql; /sealed/graphql serves the same API with introspection off, and /secured/graphql
// serves it only to a bearer token of the OAuth2 authorization server at /oauth (panva's oidc-provider, a certified
// OpenID provider), which issues client-credentials tokens to the client `intake`.
//
// The tests steer the process around it through /control, the way an operator's network or a deployment would:
// faults before a request is read (429, THROTTLED, 500, 401, a proxy's 404, a hang that never runs the request), a
// row that always gets a request error
// (poison), answers that come late after the request ran (delayMs), introspection off, revoked tokens, requests run
// as one transaction (as Hasura runs them), a cost budget (as Shopify's), and a new version of the schema. It
// honours idempotency keys in a header on createContact (besides crm.mjs's keys in the document), and reports the mutations it had in flight over time. /control also reports what the API received (headers, records), so that a test checks the
// target's side rather than Intake's word.
import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { crm, typeDefs } from './crm.mjs';
import Provider from 'oidc-provider';

const { store, resolvers } = crm();
const received = [];
const stats = { requests: 0, lookups: 0, mutations: 0, probes: 0, faults: 0, tokensIssued: 0, tokensRefused: 0,
  replays: 0, finds: 0, throttled: 0 };
const idempotent = new Map();
const faults = { mode: null, every: 3, retryAfter: 1, count: 0, delayMs: 0, poison: null };
let introspection = true;
let version = 1;

let apollo = await start(introspection);
let sealed = await start(false);

async function start(withIntrospection) {
  const server = new ApolloServer({
    typeDefs: typeDefs(version),
    resolvers,
    introspection: withIntrospection,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();
  return server;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

// Answers a fault instead of the request when the plan says so; true when it did. Faults come before the body is
// read, as a proxy or gateway in front of the API would answer.
function fault(res) {
  if (!faults.mode) return false;
  faults.count++;
  if (faults.mode !== '401' && faults.mode !== '404' && faults.count % faults.every !== 0) return false;
  switch (faults.mode) {
    case '429':
      send(res, 429, { errors: [{ message: 'Too many requests' }] }, { 'retry-after': String(faults.retryAfter) });
      return true;
    case 'throttled':
      send(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', cost: { throttleStatus: {
          maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 1000 / faults.retryAfter } } } }],
      });
      return true;
    case '500':
      send(res, 500, { errors: [{ message: 'Internal server error' }] });
      return true;
    case '401':
      send(res, 401, { errors: [{ message: 'The API key is not valid' }] }, { 'www-authenticate': 'Bearer' });
      return true;
    case 'hang':
      // a proxy whose upstream never got the request: no answer, then the connection drops; nothing ran
      setTimeout(() => res.destroy(), faults.retryAfter * 1000);
      return true;
    case '404':
      // a reverse proxy that no longer routes the address: an HTML page, no GraphQL
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
      return true;
    default:
      return false;
  }
}

async function control(req, res, path) {
  if (req.method === 'POST' && path === '/control/faults') {
    Object.assign(faults, { mode: null, every: 3, retryAfter: 1, count: 0, delayMs: 0, poison: null },
      JSON.parse((await readBody(req)) || '{}'));
    return send(res, 200, faults);
  }
  if (req.method === 'POST' && path === '/control/introspection') {
    introspection = JSON.parse(await readBody(req)).enabled;
    apollo = await start(introspection);
    return send(res, 200, { introspection });
  }
  if (req.method === 'POST' && path === '/control/version') {
    version = JSON.parse(await readBody(req)).version;
    apollo = await start(introspection);
    sealed = await start(false);
    return send(res, 200, { version });
  }
  if (req.method === 'POST' && path === '/control/oauth/revoke') {
    // every token issued so far stops working, as when the provider's signing key or the client's grant changes
    let revoked = 0;
    for (const token of issuedTokens) {
      const found = await oauth.ClientCredentials.find(token);
      if (found) {
        await found.destroy();
        revoked++;
      }
    }
    issuedTokens.length = 0;
    return send(res, 200, { revoked });
  }
  if (req.method === 'POST' && path === '/control/transactions') {
    atomic.on = Boolean(JSON.parse((await readBody(req)) || '{}').atomic);
    return send(res, 200, { atomic: atomic.on });
  }
  if (req.method === 'POST' && path === '/control/budget') {
    const settings = JSON.parse((await readBody(req)) || '{}');
    budget.on = settings.maximumAvailable ? settings : null;
    budget.available = budget.on ? budget.on.maximumAvailable : 0;
    budget.at = Date.now();
    return send(res, 200, { budget: budget.on });
  }
  if (req.method === 'GET' && path === '/control/concurrency') {
    // the most mutations in flight in each tenth of a second, from the oldest kept; and the time now, in tenths
    const now = Math.floor((Date.now() - concurrency.started) / 100);
    return send(res, 200, { now, windows: Object.fromEntries(concurrency.windows) });
  }
  if (req.method === 'GET' && path === '/control/stats') {
    return send(res, 200, { ...stats, fieldReplays: store.replays });
  }
  if (req.method === 'GET' && path === '/control/received') {
    return send(res, 200, received.slice(-200));
  }
  if (req.method === 'GET' && path === '/control/records') {
    return send(res, 200, {
      accounts: [...store.accounts.values()],
      contacts: [...store.contacts.values()].map(({ id, email, createdBy }) => ({ id, email, createdBy })),
    });
  }
  return send(res, 404, { message: `No control ${req.method} ${path}` });
}

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname.startsWith('/control/')) {
      return await control(req, res, url.pathname);
    }
    if (url.pathname === '/oauth' || url.pathname.startsWith('/oauth/')) {
      req.originalUrl = req.url;
      req.url = req.url.slice('/oauth'.length) || '/';
      return oauthCallback(req, res);
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/sealed/graphql' && url.pathname !== '/secured/graphql') {
      return send(res, 404, { message: 'Not found' });
    }
    stats.requests++;
    if (fault(res)) {
      stats.faults++;
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    if (url.pathname === '/secured/graphql' && !(await bearerAccepted(headers.get('authorization')))) {
      stats.tokensRefused++;
      return send(res, 401, { errors: [{ message: 'The access token is missing, expired or revoked' }] },
        { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const user = headers.get('x-intake-user') ?? null;
    received.push({ user, organisation: headers.get('x-intake-organisation') ?? null,
      apiKey: headers.get('x-api-key') ?? null, authorization: headers.get('authorization') ?? null,
      key: headers.get('idempotency-key') ?? null, path: url.pathname });
    if (received.length > 1000) received.splice(0, received.length - 1000);
    const body = req.method === 'POST' ? JSON.parse(await readBody(req)) : undefined;
    const query = body?.query ?? '';
    // a row the API cannot take: a request error (500, no data) every time its variables hold the poison value
    if (faults.poison && query.startsWith('mutation') && JSON.stringify(body?.variables ?? {}).includes(faults.poison)) {
      stats.faults++;
      return send(res, 500, { errors: [{ message: 'Internal server error: the request could not be parsed' }] });
    }
    if (query.startsWith('query IntakeFind')) stats.finds++;
    if (query.startsWith('query IntakeLookup')) stats.lookups++;
    else if (query.startsWith('mutation')) stats.mutations++;
    else if (query.startsWith('query IntakeProbe')) stats.probes++;
    if (query.startsWith('mutation')) {
      // a cost budget, as Shopify's: a mutation costs points, the bucket refills at a rate, and an empty one throttles
      const bucket = spend();
      if (bucket && !bucket.spent) {
        stats.throttled++;
        return send(res, 200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
          extensions: { cost: bucket.cost } });
      }
      inFlight.now++;
      concurrency.note(inFlight.now);
      // in flight until the answer is handed to the network (or the connection drops), whichever comes first
      let done = false;
      const end = () => { if (!done) { done = true; inFlight.now--; } };
      res.once('finish', end);
      res.once('close', end);
      if (bucket) res.locals = { cost: bucket.cost };
    }
    const server = url.pathname === '/sealed/graphql' ? sealed : apollo;
    const execute = () => server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: async () => ({ user }),
    });
    // Idempotency keys, as Stripe honours them: createContact with a key seen before answers what the first request
    // answered, without running again (a request still running is waited for). createAccount ignores keys.
    const key = headers.get('idempotency-key');
    const honoursKey = Boolean(key) && query.startsWith('mutation') && query.includes('createContact(');
    if (honoursKey && idempotent.has(key)) {
      stats.replays++;
      const first = await idempotent.get(key);
      if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
      for (const [name, value] of first.headers) res.setHeader(name, value);
      res.setHeader('idempotent-replayed', 'true');
      res.statusCode = first.status ?? 200;
      return res.end(first.body.string);
    }
    const executing = atomic.on && query.startsWith('mutation') ? inTransaction(execute) : execute();
    if (honoursKey) idempotent.set(key, executing);
    const answer = await executing;
    // A slow answer: the request has run, and its answer comes late (or, past the client's timeout, never reaches it).
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete' && res.locals?.cost) {
      res.end(JSON.stringify({ ...JSON.parse(answer.body.string), extensions: { cost: res.locals.cost } }));
    } else if (answer.body.kind === 'complete') {
      res.end(answer.body.string);
    } else {
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (error) {
    send(res, 400, { errors: [{ message: String(error.message ?? error) }] });
  }
});

// Mutations in flight, and the most in flight in each tenth of a second: what the target saw of the client's
// concurrency.
const inFlight = { now: 0 };
const concurrency = {
  started: Date.now(),
  windows: new Map(),
  note(now) {
    const window = Math.floor((Date.now() - this.started) / 100);
    this.windows.set(window, Math.max(this.windows.get(window) ?? 0, now));
    if (this.windows.size > 6000) this.windows.delete(this.windows.keys().next().value);
  },
};

// The cost budget, when a test turns it on: { maximumAvailable, restoreRate (points a second), cost (a mutation) }.
const budget = { on: null, available: 0, at: 0 };

function spend() {
  if (!budget.on) return null;
  const now = Date.now();
  budget.available = Math.min(budget.on.maximumAvailable, budget.available + (now - budget.at) / 1000 * budget.on.restoreRate);
  budget.at = now;
  const spent = budget.available >= budget.on.cost;
  if (spent) budget.available -= budget.on.cost;
  return { spent, cost: { requestedQueryCost: budget.on.cost, actualQueryCost: spent ? budget.on.cost : null,
    throttleStatus: { maximumAvailable: budget.on.maximumAvailable, currentlyAvailable: Math.floor(budget.available),
      restoreRate: budget.on.restoreRate } } };
}

// Transactions, as Hasura runs a request's mutation fields: all written or none. While on, mutation requests run one
// at a time, and an answer with any error puts the store back as it was before the request.
const atomic = { on: false, queue: Promise.resolve() };

function inTransaction(execute) {
  const run = atomic.queue.then(async () => {
    const before = { accounts: new Map(store.accounts), contacts: new Map(store.contacts), nextId: store.nextId,
      keys: new Map(store.keys) };
    const answer = await execute();
    if (answer.body.kind === 'complete' && (JSON.parse(answer.body.string).errors ?? []).length > 0) {
      Object.assign(store, before);
    }
    return answer;
  });
  atomic.queue = run.catch(() => undefined);
  return run;
}

// The authorization server needs its issuer, which holds the port, so it starts once the port is known.
let oauth;
let oauthCallback;
const issuedTokens = [];

async function bearerAccepted(authorization) {
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const token = await oauth.ClientCredentials.find(match[1]);
  return Boolean(token) && !token.isExpired;
}

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const port = httpServer.address().port;
  oauth = new Provider(`http://127.0.0.1:${port}/oauth`, {
    clients: [{ client_id: 'intake', client_secret: 'intake-test-secret', grant_types: ['client_credentials'],
      redirect_uris: [], response_types: [], token_endpoint_auth_method: 'client_secret_basic' }],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    ttl: { ClientCredentials: Number(process.env.CRM_TOKEN_TTL ?? 600) },
  });
  oauth.on('client_credentials.saved', (token) => {
    stats.tokensIssued++;
    issuedTokens.push(token.jti);
  });
  oauthCallback = oauth.callback();
  console.log(`LISTENING ${port}`);
});
