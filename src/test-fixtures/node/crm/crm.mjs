// The CRM's domain, shared by the servers that serve it (Apollo Server in server.mjs, Mercurius in mercurius.mjs):
// its schema, by version, and resolvers over a store in memory for the life of the process.
//
// Both mutations honour an idempotency key carried in the document, kept for the life of the process: createContact
// in a directive on its field, as Shopify's @idempotent(key:), and createAccount in an argument. A field whose key was
// seen before answers what the first answered (its record, or its error) without running again; each field of a
// request carries its own key.
import { GraphQLError, getDirectiveValues } from 'graphql';

export const typeDefs = (version) => `
  "Runs the mutation field at most once for a key: the same key again answers what the first call answered."
  directive @idempotent(key: String!) on FIELD

  "A company that contacts belong to."
  type Account { id: ID! name: String! }

  "Where a contact lives."
  type Address { street: String city: String! postcode: String }

  enum ContactStatus { LEAD ACTIVE CHURNED }

  "A person at an account."
  type Contact {
    id: ID!
    email: String!
    firstName: String!
    lastName: String
    status: ContactStatus!
    account: Account
    address: Address
    ${version >= 2 ? 'phone: String' : ''}
  }

  input StringFilter { equalTo: String in: [String!] }
  input AccountFilter { name: StringFilter }
  type AccountConnection { nodes: [Account!]! totalCount: Int! }

  "An error about the input of a mutation that otherwise answered."
  type UserError { field: [String!] message: String! }

  input CreateAccountInput {
    "The account's name, unique."
    name: String!
  }
  type CreateAccountPayload { account: Account }

  input AddressInput { street: String city: String! postcode: String }

  input CreateContactInput {
    "The contact's email address, unique."
    email: String!
    firstName: String!
    lastName: String${version >= 2 ? '!' : ''}
    status: ContactStatus = LEAD
    "The account's ID."
    accountId: ID
    address: AddressInput
    ${version >= 2 ? '"A phone number."\n    phone: String' : ''}
  }
  type CreateContactPayload { contact: Contact userErrors: [UserError!]! }

  "Changes to a contact; a field left out keeps its value, and those named in clear are emptied."
  input UpdateContactInput {
    id: ID!
    email: String
    firstName: String
    lastName: String
    status: ContactStatus
    accountId: ID
    address: AddressInput
    ${version >= 2 ? 'phone: String' : ''}
    "Fields to empty, by name: lastName, accountId, address${version >= 2 ? ' or phone' : ''}."
    clear: [String!]
  }
  type UpdateContactPayload { contact: Contact userErrors: [UserError!]! }
  type DeleteContactPayload { deletedContactId: ID userErrors: [UserError!]! }

  type Query {
    accounts(filter: AccountFilter, first: Int): AccountConnection!
    contact(email: String!): Contact
    "The contacts with these IDs; an ID of no contact is left out."
    contactsById(ids: [ID!]!): [Contact!]!
  }

  type Mutation {
    createAccount(
      input: CreateAccountInput!
      "Runs the mutation at most once for this key: the same key again answers what the first call answered."
      idempotencyKey: String
    ): CreateAccountPayload!
    createContact(input: CreateContactInput!): CreateContactPayload!
    updateContact(input: UpdateContactInput!): UpdateContactPayload!
    deleteContact(id: ID!): DeleteContactPayload!
  }
`;

/** A new, empty store and the resolvers over it. */
export function crm() {
  const store = { accounts: new Map(), contacts: new Map(), nextId: 1, keys: new Map(), replays: 0 };

  // Runs a mutation field once per key: a key seen before gets the first call's answer, or its error again.
  function once(key, run) {
    if (!key) return run();
    const first = store.keys.get(key);
    if (first) {
      store.replays++;
      if (first.error) throw first.error;
      return first.value;
    }
    try {
      const value = run();
      store.keys.set(key, { value });
      return value;
    } catch (error) {
      store.keys.set(key, { error });
      throw error;
    }
  }

  function directiveKey(info) {
    const directive = info.schema.getDirective('idempotent');
    return getDirectiveValues(directive, info.fieldNodes[0], info.variableValues)?.key ?? null;
  }

  function byId(id) {
    return [...store.contacts.values()].find((c) => c.id === id);
  }

  function matches(filter, value) {
    if (!filter) return true;
    if (filter.equalTo !== undefined && filter.equalTo !== null && filter.equalTo !== value) return false;
    if (filter.in && !filter.in.includes(value)) return false;
    return true;
  }

  const resolvers = {
    Query: {
      accounts: (_, { filter, first }) => {
        const nodes = [...store.accounts.values()].filter((a) => matches(filter?.name, a.name));
        return { nodes: first ? nodes.slice(0, first) : nodes, totalCount: nodes.length };
      },
      contact: (_, { email }) => store.contacts.get(email.toLowerCase()) ?? null,
      contactsById: (_, { ids }) => [...store.contacts.values()].filter((c) => ids.includes(c.id)),
    },
    Contact: {
      account: (contact) => (contact.accountId ? store.accounts.get(contact.accountId) : null),
    },
    Mutation: {
      createAccount: (_, { input, idempotencyKey }) => once(idempotencyKey, () => {
        if ([...store.accounts.values()].some((a) => a.name === input.name)) {
          throw new GraphQLError(`An account named ${input.name} exists already.`, {
            extensions: { code: 'BAD_USER_INPUT', field: 'name' },
          });
        }
        const account = { id: `Account:${store.nextId++}`, name: input.name };
        store.accounts.set(account.id, account);
        return { account };
      }),
      createContact: (_, { input }, context, info) => once(directiveKey(info), () => {
        const userErrors = [];
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
          userErrors.push({ field: ['input', 'email'], message: `${input.email} is not an email address.` });
        } else if (store.contacts.has(input.email.toLowerCase())) {
          userErrors.push({ field: ['input', 'email'], message: `A contact with ${input.email} exists already.` });
        }
        if (input.accountId && !store.accounts.has(input.accountId)) {
          userErrors.push({ field: ['input', 'accountId'], message: `No account has the ID ${input.accountId}.` });
        }
        if (userErrors.length > 0) {
          return { contact: null, userErrors };
        }
        const contact = { ...input, id: `Contact:${store.nextId++}`, createdBy: context.user };
        store.contacts.set(input.email.toLowerCase(), contact);
        return { contact, userErrors: [] };
      }),
      updateContact: (_, { input }) => {
        const contact = byId(input.id);
        if (!contact) {
          return { contact: null, userErrors: [{ field: ['input', 'id'], message: `No contact has the ID ${input.id}.` }] };
        }
        const clearable = ['lastName', 'accountId', 'address', 'phone'];
        const unknown = (input.clear ?? []).filter((name) => !clearable.includes(name));
        if (unknown.length > 0) {
          return { contact: null, userErrors: [{ field: ['input', 'clear'], message: `${unknown.join(', ')} cannot be cleared.` }] };
        }
        const { id, clear, ...changes } = input;
        if (changes.email && changes.email.toLowerCase() !== contact.email.toLowerCase()) {
          if (store.contacts.has(changes.email.toLowerCase())) {
            return { contact: null, userErrors: [{ field: ['input', 'email'], message: `A contact with ${changes.email} exists already.` }] };
          }
          store.contacts.delete(contact.email.toLowerCase());
          store.contacts.set(changes.email.toLowerCase(), contact);
        }
        for (const [name, value] of Object.entries(changes)) {
          if (value !== null && value !== undefined) contact[name] = value;
        }
        for (const name of clear ?? []) contact[name] = null;
        return { contact, userErrors: [] };
      },
      deleteContact: (_, { id }) => {
        const contact = byId(id);
        if (!contact) {
          return { deletedContactId: null, userErrors: [{ field: ['id'], message: `No contact has the ID ${id}.` }] };
        }
        store.contacts.delete(contact.email.toLowerCase());
        return { deletedContactId: id, userErrors: [] };
      },
    },
  };

  return { store, resolvers };
}
