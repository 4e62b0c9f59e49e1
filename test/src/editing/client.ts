// Editing through the gateway as the people of the editing tests: signed-in accounts of each role,
// every mutation of the composed API called by name with a document made from its arguments, and
// the steps of a changeset's life that the tests repeat.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@twingraph/kit/http";
import {
  buildSchema,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
} from "graphql";
import type { GraphQLResponse } from "../harness";
import { signTestToken } from "../tokens";

const API_FILE = path.resolve(__dirname, "../../../schema/api.graphql");

export interface Account {
  subject: string;
  name: string;
  role: Role;
  token: string;
}

/** The accounts of the editing tests; fictional people. */
export interface Accounts {
  /** proposes the changes of the tests */
  author: Account;
  /** another contributor, who owns a changeset the author may not stage in */
  owner: Account;
  editor: Account;
  /** a second editor, who races the first */
  reviewer: Account;
}

async function account(subject: string, name: string, role: Role): Promise<Account> {
  return { subject, name, role, token: await signTestToken({ subject, name, role }) };
}

export async function testAccounts(): Promise<Accounts> {
  return {
    author: await account("test-author", "Test Author", "contributor"),
    owner: await account("test-owner", "Test Owner", "contributor"),
    editor: await account("test-editor", "Test Editor", "editor"),
    reviewer: await account("test-reviewer", "Test Reviewer", "editor"),
  };
}

/** The composed API, read when asked, so that a mutation added to it is seen by the next run. */
export function apiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(API_FILE, "utf8"));
}

export function mutationFields(schema = apiSchema()): GraphQLField<unknown, unknown>[] {
  const mutation = schema.getMutationType();
  if (!mutation) throw new Error(`${API_FILE} has no Mutation type`);
  return Object.values(mutation.getFields());
}

/** What a test reads of each type a mutation returns. */
const SELECTIONS: Record<string, string> = {
  ProposedEdit: "subgraph entity recordId op state baseVersion",
  Changeset: "id status kind authorName reviewerName revertOf",
  NewsIngestion: "staged duplicateOf changeset { id status kind authorName }",
};

/** `mutation Name($arg: Type, …) { name(arg: $arg, …) { … } }` for the field as the API declares it. */
export function mutationDocument(field: GraphQLField<unknown, unknown>): string {
  const returned = (getNamedType(field.type) as GraphQLObjectType).name;
  const selection = SELECTIONS[returned];
  if (!selection) throw new Error(`no selection for ${returned}, which ${field.name} returns: add one`);
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  return `mutation ${field.name}(${variables}) { ${field.name}(${args}) { ${selection} } }`;
}

/** A failed answer's first error code, or "none". */
export function errorCode(answer: GraphQLResponse): string {
  return String(answer.errors?.[0]?.extensions?.code ?? "none");
}

export interface ChangesetState {
  id: string;
  status: string;
  kind: string;
  authorName: string;
  reviewerName: string | null;
  revertOf: string | null;
}

export interface RecordRef {
  /** the query field that reads one by id: "city", "partnership", "newsItem" */
  field: string;
  id: string;
}

type Post = (body: unknown, headers?: Record<string, string>) => Promise<Response>;

export class EditingClient {
  private readonly documents: Map<string, string>;

  constructor(private readonly post: Post) {
    this.documents = new Map(mutationFields().map((field) => [field.name, mutationDocument(field)]));
  }

  /** The answer to a request, as the account (or anonymously with null). */
  async ask(
    account: Account | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse> {
    const headers: Record<string, string> = account ? { authorization: `Bearer ${account.token}` } : {};
    const response = await this.post({ query, variables }, headers);
    return (await response.json()) as GraphQLResponse;
  }

  /** A mutation by name, with the document its arguments make. */
  call(account: Account | null, mutation: string, args: Record<string, unknown>): Promise<GraphQLResponse> {
    const document = this.documents.get(mutation);
    if (!document) throw new Error(`the API has no mutation ${mutation}`);
    return this.ask(account, document, args);
  }

  /** The mutation's answer, which must not be an error. */
  async must<T = Record<string, unknown>>(
    account: Account | null,
    mutation: string,
    args: Record<string, unknown>,
  ): Promise<T> {
    const answer = await this.call(account, mutation, args);
    if (answer.errors || !answer.data)
      throw new Error(`${mutation} failed: ${JSON.stringify(answer.errors ?? answer)}`);
    return answer.data[mutation] as T;
  }

  async open(account: Account, comment: string): Promise<string> {
    return (await this.must<ChangesetState>(account, "openChangeset", { comment })).id;
  }

  submit(account: Account, id: string): Promise<ChangesetState> {
    return this.must(account, "submitChangeset", { id });
  }

  apply(account: Account, id: string): Promise<ChangesetState> {
    return this.must(account, "applyChangeset", { id });
  }

  /** The record's current version, as anyone reads it. */
  async version({ field, id }: RecordRef): Promise<number> {
    const answer = await this.ask(null, `query ($id: ID!) { record: ${field}(id: $id) { version } }`, { id });
    const record = answer.data?.record as { version: number } | null | undefined;
    if (!record) throw new Error(`no ${field} ${id}: ${JSON.stringify(answer)}`);
    return record.version;
  }
}
