// The CRM (crm.mjs) served by Mercurius on Fastify, a second third-party GraphQL server with its own ways: its own
// validation messages, and its own answer when a mutation's error leaves no data. It has its own store, and answers
// /control/records as server.mjs does, so that a test reads the target's side.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { crm, typeDefs } from './crm.mjs';

const { store, resolvers } = crm();
const app = Fastify({ logger: false });

app.register(mercurius, {
  schema: typeDefs(1),
  resolvers,
  path: '/graphql',
  graphiql: false,
  context: (request) => ({ user: request.headers['x-intake-user'] ?? null }),
});

app.get('/control/records', async () => ({
  accounts: [...store.accounts.values()],
  contacts: [...store.contacts.values()].map(({ id, email, createdBy }) => ({ id, email, createdBy })),
}));

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`LISTENING ${new URL(address).port}`);
