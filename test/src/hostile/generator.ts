// Hostile requests, generated from a seed: what an attacker with nothing but HTTP tries against the
// gateway and the subgraphs' ports, by category. The same seed and count give the same requests.
// Payloads never hold the words the leak checks look for (paths, "localhost:", driver error names),
// so an answer that echoes its input is not mistaken for a leak.
import { createHash } from "node:crypto";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { getIntrospectionQuery } from "graphql";
import type { HostileRequest, HttpPlan, RawPlan } from "./client";
import { type Random, seededRandom } from "./random";
import { SECRET_HEADER } from "./stack";

const GRAPHQL = "/graphql";
const JSON_TYPE = { "content-type": "application/json" };
const CITY_IDS = ["si-kranj", "at-villach", "si-velenje", "me-pljevlja", "ru-moscow", "fr-nevers", "si-ptuj"];
const COUNTRIES = ["SI", "AT", "RS", "FR", "ME", "RU", "BA", "DE", "XX", "Slovenia", "", "ZZZZ"];
const MEASURES = ["BETWEENNESS", "CLOSENESS", "DEGREE"];
/** the one agreement that rests on another: a chain of basedOn that ends after two */
const AGREEMENT_WITH_BASIS = "a-ljubljana-moscow-programme-2019-2021";

export interface GeneratorOptions {
  count: number;
  seed: number;
  /** the subgraphs whose ports are attacked directly; default: the manifest's */
  subgraphs?: readonly string[];
}

type Make = (random: Random, context: { subgraphs: readonly string[] }) => HostileRequest;

interface Category {
  name: string;
  /** its share of the requests, relative to the others */
  weight: number;
  make: Make;
}

/**
 * The requests, each category's share rounded (at least one each), in a seeded order; made one at
 * a time as they are taken, since some bodies are megabytes.
 */
export function* hostileRequests(options: GeneratorOptions): Generator<HostileRequest> {
  const random = seededRandom(options.seed);
  const context = { subgraphs: options.subgraphs ?? readSubgraphManifest().map((entry) => entry.name) };
  const total = CATEGORIES.reduce((sum, category) => sum + category.weight, 0);
  const deck: Category[] = [];
  for (const category of CATEGORIES) {
    const share = Math.max(1, Math.round((options.count * category.weight) / total));
    for (let index = 0; index < share; index++) deck.push(category);
  }
  while (deck.length < options.count) deck.push(random.pick(CATEGORIES));
  for (const category of random.shuffle(deck).slice(0, options.count)) yield category.make(random, context);
}

export function categoryNames(): string[] {
  return CATEGORIES.map((category) => category.name);
}

function post(category: string, label: string, payload: unknown, extra: Partial<HttpPlan> = {}): HttpPlan {
  return postBody(category, label, JSON.stringify(payload), extra);
}

function postBody(
  category: string,
  label: string,
  body: string | Buffer,
  extra: Partial<HttpPlan> = {},
): HttpPlan {
  return {
    kind: "http",
    category,
    label,
    target: "gateway",
    method: "POST",
    path: GRAPHQL,
    headers: JSON_TYPE,
    body,
    ...extra,
  };
}

function get(
  category: string,
  label: string,
  parameters: Record<string, string>,
  extra: Partial<HttpPlan> = {},
): HttpPlan {
  return {
    kind: "http",
    category,
    label,
    target: "gateway",
    method: "GET",
    path: `${GRAPHQL}?${new URLSearchParams(parameters)}`,
    ...extra,
  };
}

function query(category: string, label: string, document: string, extra: Partial<HttpPlan> = {}): HttpPlan {
  return post(category, label, { query: document }, extra);
}

function raw(
  category: string,
  label: string,
  chunks: (string | Buffer)[],
  options: Partial<RawPlan> = {},
): RawPlan {
  return {
    kind: "raw",
    category,
    label,
    target: "gateway",
    chunks: chunks.map((chunk) => ({ bytes: Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, "latin1") })),
    holdMs: 3000,
    ...options,
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function repeat(count: number, item: (index: number) => string, separator = " "): string {
  return Array.from({ length: count }, (_, index) => item(index)).join(separator);
}

function randomDate(random: Random): string {
  const year = String(random.int(1900, 2030));
  const month = String(random.int(1, 12)).padStart(2, "0");
  const day = String(random.int(1, 28)).padStart(2, "0");
  return random.pick([year, `${year}-${month}`, `${year}-${month}-${day}`]);
}

function randomFilter(random: Random): string {
  const parts = [`from: "${randomDate(random)}"`];
  if (random.chance(0.4)) parts.push(`to: "${randomDate(random)}"`);
  if (random.chance(0.4)) parts.push(`country: ${JSON.stringify(random.pick(COUNTRIES))}`);
  if (random.chance(0.2)) parts.push(`domestic: ${random.chance(0.5)}`);
  if (random.chance(0.2)) parts.push(`kinds: [${random.pick(["TWINNING", "FRIENDSHIP", "COOPERATION"])}]`);
  if (random.chance(0.2)) parts.push(`statuses: [${random.pick(["ACTIVE", "DORMANT", "ENDED"])}]`);
  return `{ ${parts.join(", ")} }`;
}

/**
 * `levels` fragments, each spreading the next twice under two aliases, so that nothing merges: 2^levels
 * fields once expanded, from about 70 bytes a level (14 levels took today's gateway 38 s of CPU).
 */
export function fragmentExpansion(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) => {
    const next =
      level + 1 < levels ? `a: partners { ...F${level + 1} } b: partners { ...F${level + 1} }` : "name";
    return `fragment F${level} on City { ${next} }`;
  });
  return `query Expansion { city(id: "si-kranj") { ...F0 } }\n${fragments.join("\n")}`;
}

const REQUEST_LINES = [
  "GET\r\n\r\n",
  "GET /graphql\r\n\r\n",
  "GET /graphql HTTP/9.9\r\nHost: x\r\n\r\n",
  "G@T /graphql HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET  /graphql   HTTP/1.1\r\nHost: x\r\n\r\n",
  "\r\n\r\n\r\n\r\n",
  "GET /graphql HTTP/1.1\nHost: x\nConnection: close\n\n",
  "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
  "GET /graphql?query={__typename} HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /gra\x00phql HTTP/1.1\r\nHost: x\r\n\r\n",
  "CONNECT 169.254.169.254:80 HTTP/1.1\r\nHost: 169.254.169.254:80\r\n\r\n",
];

const BAD_HEADERS = [
  "Host: x\r\nNoColonHere\r\n",
  "Host: x\r\nBad Header: x\r\n",
  "Host: x\r\nX-Null: a\x00b\r\n",
  "Host: x\r\nX-Cr: a\rb\r\n",
  "Host: x\r\nX-Folded: a\r\n  continued\r\n",
  "Host: a\r\nHost: b\r\n",
  "",
  "Host: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n",
  "Host: x\r\nContent-Length: -1\r\n",
  "Host: x\r\nContent-Length: abc\r\n",
  "Host: x\r\nContent-Length: 99999999999999999999\r\n",
  "Host: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n",
  "Host: x\r\nTransfer-Encoding: chunked, identity\r\n",
  "Host: x\r\nTransfer-Encoding: gzip\r\n",
];

const malformedHttp: Make = (random) => {
  const variant = random.int(0, 4);
  if (variant === 0) return raw("malformed HTTP", "bad request line", [random.pick(REQUEST_LINES)]);
  if (variant === 1) {
    const bytes = Buffer.from(Array.from({ length: random.int(1, 3000) }, () => random.int(0, 255)));
    return raw("malformed HTTP", "random bytes", [bytes], { holdMs: 1500 });
  }
  if (variant === 2) {
    const headers = random.pick(BAD_HEADERS);
    const body = '{"query":"{ __typename }"}';
    return raw("malformed HTTP", `bad headers: ${JSON.stringify(headers.slice(9, 50))}`, [
      `POST /graphql HTTP/1.1\r\n${headers}Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    ]);
  }
  if (variant === 3) {
    const size = random.pick([20_000, 70_000, 200_000]);
    return raw("malformed HTTP", `request line of ${size} bytes`, [
      `GET /graphql?q=${"a".repeat(size)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ]);
  }
  const count = random.pick([100, 2000, 5000]);
  return raw("malformed HTTP", `${count} headers`, [
    `GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: x\r\n${repeat(count, (index) => `X-H${index}: ${index}`, "\r\n")}\r\nConnection: close\r\n\r\n`,
  ]);
};

const truncatedBody: Make = (random) => {
  const body = JSON.stringify({
    query: `{ findCities(name: "${random.text(random.int(10, 5000))}") { id } }`,
  });
  const head = (length: number) =>
    `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
  const variant = random.int(0, 2);
  if (variant === 0) {
    const sent = body.slice(0, random.int(1, body.length - 1));
    return raw("truncated body", "declared longer than sent", [head(body.length), sent], {
      holdMs: random.int(300, 1200),
    });
  }
  if (variant === 1) {
    const declared = random.int(1, body.length - 1);
    return raw("truncated body", "declared shorter than sent", [head(declared) + body]);
  }
  return raw(
    "truncated body",
    "chunked without its last chunk",
    [
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
      `${body.length.toString(16)}\r\n${body}\r\n`,
    ],
    { holdMs: random.int(300, 1200) },
  );
};

const slowloris: Make = (random) => {
  const request =
    "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Padding: " +
    random.text(200) +
    "\r\n";
  const pieces = random.int(4, 10);
  const size = Math.ceil(request.length / pieces);
  const chunks = Array.from({ length: pieces }, (_, index) => ({
    bytes: Buffer.from(request.slice(index * size, (index + 1) * size), "latin1"),
    pauseMs: random.int(80, 250),
  }));
  return { ...raw("slowloris", `headers in ${pieces} pieces, never finished`, []), chunks, holdMs: 500 };
};

const MALFORMED_JSON = [
  "{",
  '{"query":}',
  "[",
  '"{ __typename }"',
  "123",
  "null",
  "true",
  '{"query": 5}',
  '{"query": ["{ __typename }"]}',
  '{"query": {"a": 1}}',
  '{"query": null}',
  '{"query": "{ __typename }", "variables": "nope"}',
  '{"query": "{ __typename }", "variables": [1, 2]}',
  '{"query": "{ __typename }", "variables": 7}',
  '{"query": "{ __typename }", "extensions": "x"}',
  '{"query": "{ __typename }", "extensions": {"persistedQuery": 5}}',
  '{"query": "{ __typename }"} trailing',
  '{"query": "{ __typename }",}',
  "{'query': '{ __typename }'}",
  '{"query": "{ __typename }", "query": "{ city(id: \\"x\\") { id } }"}',
  '{"__proto__": {"query": "{ __typename }"}}',
  '{"constructor": {"prototype": {"query": 1}}}',
  '\ufeff{"query": "{ __typename }"}',
  "",
  "   ",
];

const malformedJson: Make = (random) => {
  const variant = random.int(0, 3);
  if (variant === 0) {
    const depth = random.pick([1000, 10_000, 100_000]);
    return postBody("malformed JSON", `body nested ${depth} deep`, "[".repeat(depth) + "]".repeat(depth));
  }
  if (variant === 1) {
    const contentType = random.pick([
      "text/plain",
      "application/json; charset=utf-16",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/graphql",
      "",
    ]);
    return postBody(
      "malformed JSON",
      `content type ${JSON.stringify(contentType)}`,
      '{"query":"{ __typename }"}',
      {
        headers: contentType ? { "content-type": contentType } : {},
      },
    );
  }
  const body = random.pick(MALFORMED_JSON);
  return postBody("malformed JSON", JSON.stringify(body.slice(0, 40)), body);
};

const invalidUtf8: Make = (random) => {
  const bad = random.pick([
    [0xff, 0xfe],
    [0xc3, 0x28],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xe2, 0x82],
  ]);
  const variant = random.int(0, 3);
  if (variant === 0) {
    const body = Buffer.concat([
      Buffer.from('{"query":"{ findCities(name: \\"Kr'),
      Buffer.from(bad),
      Buffer.from('nj\\") { id } }"}'),
    ]);
    return postBody("invalid UTF-8", `bytes ${bad.join(",")} in a string`, body);
  }
  if (variant === 1) {
    const body = Buffer.concat([
      Buffer.from('{"query":'),
      Buffer.from(bad),
      Buffer.from('"{ __typename }"}'),
    ]);
    return postBody("invalid UTF-8", `bytes ${bad.join(",")} between tokens`, body);
  }
  if (variant === 2) {
    const escaped = random.pick(["\\ud800", "\\udfff", "\\ud800\\ud800", "\\u0000", "\\uffff"]);
    return postBody(
      "invalid UTF-8",
      `escape ${escaped}`,
      `{"query":"{ findCities(name: \\"${escaped}\\") { id } }"}`,
    );
  }
  const encoded = bad.map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
  return {
    kind: "http",
    category: "invalid UTF-8",
    label: `percent-encoded bytes ${encoded}`,
    target: "gateway",
    method: "GET",
    path: `${GRAPHQL}?query=%7B%20findCities(name%3A%20%22${encoded}%22)%20%7B%20id%20%7D%20%7D`,
  };
};

const hugeBody: Make = (random) => {
  const size = random.pick([1_200_000, 2_000_000, 5_000_000]);
  const variant = random.int(0, 2);
  if (variant === 0)
    return post(
      "huge body",
      `${size} bytes of variables`,
      { query: "{ __typename }", variables: { pad: "x".repeat(size) } },
      { mayClose: true, expect: { status: [413], code: "PAYLOAD_TOO_LARGE" } },
    );
  if (variant === 1)
    return query("huge body", `a ${size}-byte name`, `{ findCities(name: "${"k".repeat(size)}") { id } }`, {
      mayClose: true,
      expect: { status: [413], code: "PAYLOAD_TOO_LARGE" },
    });
  return get(
    "huge body",
    `a GET of ${size} bytes`,
    { query: `{ __typename }#${"x".repeat(size)}` },
    { mayClose: true },
  );
};

const batch: Make = (random) => {
  const variant = random.int(0, 4);
  if (variant === 0)
    return post(
      "batch",
      "1,000 operations",
      repeatArray(1000, () => ({ query: "{ __typename }" })),
    );
  if (variant === 1)
    return post(
      "batch",
      "1,000 city queries",
      repeatArray(1000, () => ({
        query: `{ city(id: "${random.pick(CITY_IDS)}") { name partners { name } } }`,
      })),
    );
  if (variant === 2) return post("batch", "an empty batch", []);
  if (variant === 3)
    return post(
      "batch",
      "1,000 nulls",
      repeatArray(1000, () => null),
    );
  return post(
    "batch",
    "a few",
    repeatArray(random.int(2, 10), () => ({ query: "{ __typename }" })),
  );
};

function repeatArray<T>(count: number, item: () => T): T[] {
  return Array.from({ length: count }, item);
}

const depthBomb: Make = (random) => {
  const variant = random.int(0, 3);
  if (variant === 0) {
    const depth = random.int(20, 400);
    const document = `{ agreement(id: "${AGREEMENT_WITH_BASIS}") { ${"basedOn { id ".repeat(depth)}${"}".repeat(depth)} } }`;
    return query("depth bomb", `basedOn ${depth} deep`, document);
  }
  if (variant === 1) {
    const depth = random.int(50, 3000);
    return query(
      "depth bomb",
      `unknown fields ${depth} deep`,
      `{ ${"city { ".repeat(depth)}name${" }".repeat(depth)} }`,
    );
  }
  if (variant === 2) {
    const depth = random.pick([2000, 10_000, 40_000]);
    return query("depth bomb", `braces ${depth} deep`, `{ ${"a { ".repeat(depth)}${"} ".repeat(depth)}}`);
  }
  const depth = random.int(30, 300);
  return query(
    "depth bomb",
    `introspection ofType ${depth} deep`,
    `{ __type(name: "City") { fields { type { ${"ofType { ".repeat(depth)}name${" }".repeat(depth)} } } } }`,
  );
};

const aliasBomb: Make = (random) => {
  const variant = random.int(0, 4);
  if (variant === 0) {
    const count = random.pick([500, 5000, 20_000]);
    return query(
      "alias bomb",
      `${count} aliased __typename`,
      `{ ${repeat(count, (index) => `a${index}: __typename`)} }`,
    );
  }
  if (variant === 1) {
    const count = random.pick([100, 500, 2000]);
    return query(
      "alias bomb",
      `${count} aliased cities`,
      `{ ${repeat(count, (index) => `c${index}: city(id: "${random.pick(CITY_IDS)}") { name partners { name } }`)} }`,
    );
  }
  if (variant === 2) {
    const count = random.pick([100, 500]);
    return query(
      "alias bomb",
      `${count} aliased searches`,
      `{ ${repeat(count, (index) => `s${index}: searchCities(name: "${random.text(3)}") { score }`)} }`,
    );
  }
  if (variant === 3) {
    const count = random.pick([1000, 3000]);
    return query(
      "alias bomb",
      `one field ${count} times`,
      `{ city(id: "si-kranj") { ${"name ".repeat(count)}} }`,
    );
  }
  const count = random.pick([20, 150]);
  return query(
    "alias bomb",
    `${count} aliased rankings`,
    `{ ${repeat(count, (index) => `r${index}: network(filter: ${randomFilter(random)}) { ranking(by: BETWEENNESS) { score } }`)} }`,
  );
};

const fragmentCycle: Make = (random) => {
  const variant = random.int(0, 3);
  if (variant === 0)
    return query(
      "fragment cycle",
      "two fragments spreading each other",
      "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
    );
  if (variant === 1)
    return query(
      "fragment cycle",
      "a fragment spreading itself",
      "{ ...A } fragment A on Query { __typename ...A }",
    );
  if (variant === 2) {
    const length = random.int(3, 300);
    return query(
      "fragment cycle",
      `a ring of ${length} fragments`,
      `{ ...F0 } ${repeat(length, (index) => `fragment F${index} on Query { __typename ...F${(index + 1) % length} }`)}`,
    );
  }
  const count = random.pick([1000, 5000]);
  return query(
    "fragment cycle",
    `${count} unused fragments`,
    `{ __typename } ${repeat(count, (index) => `fragment U${index} on Query { __typename }`)}`,
  );
};

const fragmentExpansionBomb: Make = (random) => {
  const levels = random.int(10, 14);
  return query("fragment expansion", `fragments 2^${levels}`, fragmentExpansion(levels));
};

const directiveFlood: Make = (random) => {
  const count = random.pick([100, 1000, 5000]);
  const variant = random.int(0, 3);
  if (variant === 0)
    return query(
      "directive flood",
      `@skip ${count} times on one field`,
      `{ __typename ${"@skip(if: false) ".repeat(count)}}`,
    );
  if (variant === 1)
    return query(
      "directive flood",
      `${count} unknown directives`,
      `{ __typename ${repeat(count, (index) => `@d${index}`)} }`,
    );
  if (variant === 2)
    return post("directive flood", `@include on ${count} fields`, {
      query: `query ($v: Boolean!) { ${repeat(count, (index) => `a${index}: __typename @include(if: $v)`)} }`,
      variables: { v: true },
    });
  return query(
    "directive flood",
    `@include ${count} times on a spread`,
    `{ ...F ${"@include(if: true) ".repeat(count)}} fragment F on Query { __typename }`,
  );
};

const hugeString: Make = (random) => {
  const size = random.pick([100_000, 500_000, 900_000]);
  const variant = random.int(0, 4);
  if (variant === 0)
    return query(
      "huge string",
      `findCities of ${size} bytes`,
      `{ findCities(name: "${random.text(size)}") { id } }`,
    );
  if (variant === 1)
    return post("huge string", `searchCities of ${size} bytes, as a variable`, {
      query: "query ($n: String!) { searchCities(name: $n) { score } }",
      variables: { n: random.text(size, "abc čšž") },
    });
  if (variant === 2)
    return query("huge string", `city id of ${size} bytes`, `{ city(id: "${random.text(size)}") { id } }`);
  if (variant === 3)
    return post("huge string", `${size / 4} combining marks`, {
      query: "query ($n: String!) { findCities(name: $n) { id } }",
      variables: { n: `K${"\u0301".repeat(size / 4)}` },
    });
  return query(
    "huge string",
    `a block string of ${size} bytes`,
    `{ findCities(name: """${random.text(size)}""") { id } }`,
  );
};

const SEARCH_PATTERNS = [
  "%",
  "_",
  "%_%",
  "%".repeat(1000),
  "_".repeat(1000),
  ".*",
  "(a+)+$",
  "(a|a)*b",
  "(.*){1,32000}",
  "[",
  "\\",
  "\\\\%",
  "'",
  "' OR '1'='1",
  '"; DROP TABLE city; --',
  "*",
  "?",
  "^$",
  "\u0000",
  "\n\r\t",
  "     ",
  "",
  `${"a".repeat(50)}!`,
  "ĆčŠžđ",
  "Москва",
  "Kranj%",
  "%ranj",
  "K_anj",
  "\u202eknarK",
  "\ufdfa".repeat(1000),
  "😀".repeat(500),
  "$where",
  '{"$gt": ""}',
];

const searchPattern: Make = (random) => {
  const name = random.chance(0.7)
    ? random.pick(SEARCH_PATTERNS)
    : repeat(random.int(2, 6), () => random.pick(SEARCH_PATTERNS), "");
  const field = random.pick(["findCities", "searchCities"]);
  const selection = field === "findCities" ? "id name" : "score matchedName";
  const country = random.chance(0.3) ? random.pick([...COUNTRIES, "%", "_", "S%"]) : undefined;
  return post("search pattern", `${field} ${JSON.stringify(name.slice(0, 30))}`, {
    query: `query ($name: String!, $country: String) { ${field}(name: $name, country: $country, first: ${random.int(1, 100)}) { ${selection} } }`,
    variables: { name, country },
  });
};

const idList: Make = (random) => {
  const count = random.pick([1000, 5000, 20_000, 60_000]);
  const ids = Array.from({ length: count }, (_, index) =>
    random.chance(0.1) ? random.pick(CITY_IDS) : `x${index}`,
  );
  const variant = random.int(0, 2);
  if (variant === 0)
    return post("id list", `cities of ${count} ids, as a variable`, {
      query: "query ($ids: [ID!]) { cities(ids: $ids, first: 100) { id } }",
      variables: { ids },
    });
  if (variant === 1)
    return query(
      "id list",
      `cities of ${count} ids, inline`,
      `{ cities(ids: ${JSON.stringify(ids)}) { id } }`,
    );
  return post("id list", `partnershipBetween ${count} ids`, {
    query: "query ($ids: [ID!]!) { partnershipBetween(cityIds: $ids) { id } }",
    variables: { ids },
  });
};

const persistedQuery: Make = (random) => {
  const variant = random.int(0, 7);
  const hash = random.hex(64);
  const notFound = { expect: { status: [200, 400, 404], code: "PERSISTED_QUERY_NOT_FOUND" } };
  if (variant === 0)
    return get(
      "persisted query",
      "GET of a random hash",
      { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) },
      notFound,
    );
  if (variant === 1)
    return post(
      "persisted query",
      "POST of a random hash",
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      notFound,
    );
  if (variant === 2)
    return post("persisted query", "registration under a wrong hash", {
      query: `{ __typename r${random.hex(8)}: __typename }`,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
  if (variant === 3 || variant === 4) {
    const document = `query R${random.hex(12)} { ${repeat(random.int(1, 40), () => `a${random.hex(8)}: __typename`)} }`;
    return post("persisted query", "registration of a random operation", {
      query: document,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } },
    });
  }
  if (variant === 5)
    return get("persisted query", "GET of a hash that is not hex", {
      extensions: JSON.stringify({
        persistedQuery: { version: 1, sha256Hash: random.pick(["zz", "", "../../x", "a".repeat(10_000)]) },
      }),
    });
  if (variant === 6)
    return post("persisted query", "an unknown version", {
      extensions: { persistedQuery: { version: random.pick([0, 2, -1, "1", null]), sha256Hash: hash } },
    });
  return get("persisted query", "extensions that are not JSON", {
    extensions: random.pick(["{", "[]", "null", "x"]),
  });
};

const FOREIGN_ORIGINS = [
  "https://evil.example",
  "null",
  "http://localhost.evil.example",
  "https://127.0.0.1.evil.example",
  "file://",
  `https://${"a".repeat(4000)}.example`,
  "http://[::1].evil.example",
];

const cors: Make = (random) => {
  const origin = random.pick(FOREIGN_ORIGINS);
  const variant = random.int(0, 2);
  if (variant === 0)
    return {
      kind: "http",
      category: "CORS",
      label: "preflight from a foreign origin",
      target: "gateway",
      method: "OPTIONS",
      path: GRAPHQL,
      headers: {
        origin,
        "access-control-request-method": random.pick(["POST", "GET", "PUT", "DELETE"]),
        "access-control-request-headers": random.pick(["content-type", "x-evil", "authorization"]),
      },
      expect: { status: [403], code: "FORBIDDEN" },
    };
  if (variant === 1)
    return query("CORS", "POST from a foreign origin", '{ city(id: "si-kranj") { name } }', {
      headers: { ...JSON_TYPE, origin },
    });
  return get("CORS", "GET from a foreign origin", { query: "{ __typename }" }, { headers: { origin } });
};

const UNKNOWN_PATHS = [
  "/admin",
  "/.env",
  "/graphql/",
  "/GRAPHQL",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/wp-login.php",
  "/export/network.xml",
  "/widget/..%2f..%2fpackage.json",
  "/api/graphql",
  "/v1/graphql",
  "/server-status",
  `/${"a".repeat(8000)}`,
];

const methodAndPath: Make = (random) => {
  const variant = random.int(0, 4);
  const plan = (method: string, path: string, label: string, expect?: HttpPlan["expect"]): HttpPlan => ({
    kind: "http",
    category: "method and path",
    label,
    target: "gateway",
    method,
    path,
    expect,
  });
  if (variant === 0) {
    const method = random.pick(["PUT", "DELETE", "PATCH", "PROPFIND", "TRACE", "LINK"]);
    return plan(method, GRAPHQL, `${method} /graphql`, { status: [405], code: "METHOD_NOT_ALLOWED" });
  }
  if (variant === 1) {
    const path = random.pick(UNKNOWN_PATHS);
    return plan("GET", path, `GET ${path.slice(0, 40)}`, { status: [404], code: "NOT_FOUND" });
  }
  if (variant === 2) {
    const path = random.pick(["/export/network.graphml", "/export/nodes.csv", "/export/network.json"]);
    return plan(random.pick(["POST", "PUT", "DELETE"]), path, `writing ${path}`, {
      status: [405],
      code: "METHOD_NOT_ALLOWED",
    });
  }
  if (variant === 3) {
    const path = random.pick(["/widget.js", "/widget/", "/widget"]);
    return plan(random.pick(["POST", "PUT", "DELETE"]), path, `writing ${path}`, {
      status: [405],
      code: "METHOD_NOT_ALLOWED",
    });
  }
  const parameters = random.pick([
    "country=ZZZ",
    "from=yesterday",
    "kinds=EVERYTHING",
    `country=${"%25".repeat(100)}`,
    "from=1e400",
    "statuses=ACTIVE&statuses=",
  ]);
  return plan("GET", `/export/network.json?${parameters}`, `export with ${parameters.slice(0, 30)}`);
};

const introspection: Make = (random) => {
  const document = random.pick([
    "{ __schema { types { name } } }",
    getIntrospectionQuery(),
    '{ __type(name: "City") { fields { name args { name } } } }',
    "{ __schema { queryType { fields { name } } } }",
  ]);
  return random.chance(0.5)
    ? query("introspection", "POST", document)
    : get("introspection", "GET", { query: document });
};

const operationType: Make = (random) => {
  const document = random.pick([
    "mutation { deleteEverything }",
    "subscription { __typename }",
    'mutation M { city(id: "si-kranj") { id } }',
    'subscription S { city(id: "si-kranj") { id } }',
  ]);
  return random.chance(0.7)
    ? query("operation type", document, document, { expect: { status: [400] } })
    : get("operation type", `GET ${document}`, { query: document });
};

const operationName: Make = (random) => {
  const two = "query A { __typename } query B { __typename }";
  const variant = random.int(0, 4);
  if (variant === 0)
    return get("operation name", "an empty operation name", { query: "{ __typename }", operationName: "" });
  if (variant === 1)
    return query("operation name", "two operations, no name", two, { expect: { status: [400] } });
  if (variant === 2)
    return post(
      "operation name",
      "a name the document lacks",
      { query: two, operationName: "C" },
      { expect: { status: [400] } },
    );
  if (variant === 3) {
    const name = random.pick([
      5,
      ["A"],
      { name: "A" },
      true,
      "__proto__",
      "constructor",
      "A".repeat(100_000),
    ]);
    return post("operation name", `operationName ${JSON.stringify(name).slice(0, 20)}`, {
      query: two,
      operationName: name,
    });
  }
  return query(
    "operation name",
    "two operations of one name",
    "query A { __typename } query A { __typename }",
  );
};

/** JSON nested `depth` deep, written as text: JSON.stringify itself overflows its stack on such values. */
function nestedJson(depth: number, kind: "arrays" | "objects"): string {
  return kind === "arrays"
    ? `${"[".repeat(depth)}"si-kranj"${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}{"id":"si-kranj"}${"}".repeat(depth)}`;
}

const deepVariables: Make = (random) => {
  const depth = random.pick([1000, 5000, 20_000]);
  const variant = random.int(0, 3);
  const withVariables = (label: string, document: string, variables: string) =>
    postBody("deep variables", label, `{"query":${JSON.stringify(document)},"variables":${variables}}`);
  if (variant === 0)
    return withVariables(
      `arrays ${depth} deep for [ID!]`,
      "query ($ids: [ID!]) { cities(ids: $ids) { id } }",
      `{"ids":${nestedJson(depth, "arrays")}}`,
    );
  if (variant === 1)
    return withVariables(
      `objects ${depth} deep for a filter`,
      "query ($f: NetworkFilter) { network(filter: $f) { nodeCount } }",
      `{"f":${nestedJson(depth, "objects")}}`,
    );
  if (variant === 2)
    return withVariables(
      `arrays ${depth} deep, undeclared`,
      "{ __typename }",
      `{"v":${nestedJson(depth, "arrays")}}`,
    );
  const count = random.pick([10_000, 50_000]);
  return post("deep variables", `${count} variables`, {
    query: "{ __typename }",
    variables: Object.fromEntries(Array.from({ length: count }, (_, index) => [`v${index}`, index])),
  });
};

const NUMBERS = [
  "1e400",
  "-1e400",
  "1e-400",
  "99999999999999999999",
  "2147483648",
  "-2147483649",
  "0x10",
  "1.7976931348623157e309",
  "NaN",
  "1e2",
  "-0",
];

const numbers: Make = (random) => {
  const number = random.pick(NUMBERS);
  const document = random.pick([
    `{ network { communities(resolution: ${number}) { count } } }`,
    `{ findCities(name: "Kranj", first: ${number}) { id } }`,
    `{ partnerships(offset: ${number}) { id } }`,
    `{ network { distances(bucketKm: ${number}) { measured } } }`,
    `{ network { neighbourhood(cityId: "si-kranj", depth: ${number}) { cityCount } } }`,
    `{ network { nodes(first: ${number}) { degree } } }`,
    `{ network { components(first: ${number}, citiesPerGroup: ${number}) { count } } }`,
    `{ network { countryMatrix(first: ${number}) { partnerships } } }`,
  ]);
  if (random.chance(0.3))
    return postBody(
      "numbers",
      `${number} as a variable`,
      `{"query":"query ($r: Float) { network { communities(resolution: $r) { count } } }","variables":{"r":${number}}}`,
    );
  return query("numbers", document.slice(2, 60), document);
};

const networkRanking: Make = (random) => {
  const variant = random.int(0, 3);
  if (variant === 0 || variant === 1) {
    const filter = randomFilter(random);
    return query(
      "network ranking",
      `ranking on ${filter}`,
      `{ network(filter: ${filter}) { ranking(by: ${random.pick(MEASURES)}, first: ${random.int(1, 100)}) { rank score city { name } } } }`,
    );
  }
  if (variant === 2) {
    const filter = randomFilter(random);
    return query(
      "network ranking",
      `path and communities on ${filter}`,
      `{ network(filter: ${filter}) { path(from: "${random.pick(CITY_IDS)}", to: "${random.pick(CITY_IDS)}") { length } communities { count } } }`,
    );
  }
  const count = random.int(2, 20);
  return query(
    "network ranking",
    `${count} aliased filters`,
    `{ ${repeat(count, (index) => `n${index}: network(filter: ${randomFilter(random)}) { ranking(by: CLOSENESS) { score } }`)} }`,
  );
};

const subgraphDirect: Make = (random, { subgraphs }) => {
  const target = random.pick(subgraphs);
  const wrongSecret = random.chance(0.3);
  const headers: Record<string, string> = {
    ...JSON_TYPE,
    ...(wrongSecret ? { [SECRET_HEADER]: random.hex(64) } : {}),
  };
  const expect = wrongSecret
    ? { status: [403], code: "FORBIDDEN" }
    : { status: [401], code: "UNAUTHENTICATED" };
  const plan = (label: string, extra: Partial<HttpPlan>): HttpPlan => ({
    kind: "http",
    category: "subgraph direct",
    label: `${target}: ${label}${wrongSecret ? ", a wrong secret" : ""}`,
    target,
    method: "POST",
    path: GRAPHQL,
    headers,
    expect,
    ...extra,
  });
  const variant = random.int(0, 5);
  if (variant === 0)
    return plan("_entities", {
      body: JSON.stringify({
        query: "query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on City { id } } }",
        variables: { r: [{ __typename: "City", id: random.pick(CITY_IDS) }] },
      }),
    });
  if (variant === 1) return plan("_service", { body: JSON.stringify({ query: "{ _service { sdl } }" }) });
  if (variant === 2) return plan("a query", { body: JSON.stringify({ query: "{ __typename }" }) });
  if (variant === 3) return plan("GET /revision", { method: "GET", path: "/revision", body: undefined });
  if (variant === 4)
    return plan("GET _service", {
      method: "GET",
      path: `${GRAPHQL}?${new URLSearchParams({ query: "{ _service { sdl } }" })}`,
      body: undefined,
    });
  return plan("GET /health", { method: "GET", path: "/health", body: undefined, expect: { status: [200] } });
};

const syntax: Make = (random) => {
  const variant = random.int(0, 6);
  if (variant === 0)
    return query(
      "GraphQL syntax",
      "random text",
      random.text(random.int(1, 10_000), "{}()[]:$@!.,\"'#= \nabcXYZ019"),
    );
  if (variant === 1)
    return query("GraphQL syntax", "an unterminated string", '{ findCities(name: "Kranj) { id } }');
  if (variant === 2)
    return query("GraphQL syntax", "an unterminated block string", '{ findCities(name: """Kranj) { id } }');
  if (variant === 3) {
    const count = random.pick([10_000, 100_000]);
    return query("GraphQL syntax", `${count} tokens`, `{ ${"__typename ".repeat(count)}}`);
  }
  if (variant === 4)
    return query(
      "GraphQL syntax",
      "bad escapes",
      random.pick([
        '{ findCities(name: "\\uZZZZ") { id } }',
        '{ findCities(name: "\\u{110000}") { id } }',
        '{ findCities(name: "\\q") { id } }',
      ]),
    );
  if (variant === 5) {
    const count = random.pick([1000, 10_000]);
    return query(
      "GraphQL syntax",
      `${count} variable definitions`,
      `query (${repeat(count, (index) => `$v${index}: Int`)}) { __typename }`,
    );
  }
  return query("GraphQL syntax", "a comment of 500 KB", `{ __typename }\n#${random.text(500_000)}`);
};

const headerTricks: Make = (random) => {
  const variant = random.int(0, 6);
  const dossier = '{ city(id: "si-kranj") { name } }';
  if (variant === 0)
    return query("headers", "incremental delivery", dossier, {
      headers: {
        ...JSON_TYPE,
        accept: random.pick([
          "multipart/mixed",
          "text/event-stream",
          "application/graphql-response+json",
          "*/*;q=0",
        ]),
      },
    });
  if (variant === 1)
    return query("headers", "a body that says gzip", dossier, {
      headers: { ...JSON_TYPE, "content-encoding": "gzip" },
    });
  if (variant === 2)
    return query("headers", "1,000 forwarded addresses", dossier, {
      headers: {
        ...JSON_TYPE,
        "x-forwarded-for": repeat(1000, () => `10.${random.int(0, 255)}.${random.int(0, 255)}.1`, ", "),
      },
    });
  if (variant === 3)
    return get("headers", "If-None-Match: *", { query: dossier }, { headers: { "if-none-match": "*" } });
  if (variant === 4)
    return query("headers", "an 8 KB cookie", dossier, {
      headers: { ...JSON_TYPE, cookie: `s=${random.text(8000)}` },
    });
  if (variant === 5)
    return query("headers", "a long request id", dossier, {
      headers: { ...JSON_TYPE, "x-request-id": random.text(10_000, 'ab\u00ff{}"\\') },
    });
  return query("headers", "a guessed gateway secret", dossier, {
    headers: { ...JSON_TYPE, [SECRET_HEADER]: random.hex(64), "x-api-key": random.hex(32) },
  });
};

const CATEGORIES: Category[] = [
  { name: "malformed HTTP", weight: 6, make: malformedHttp },
  { name: "truncated body", weight: 3, make: truncatedBody },
  { name: "slowloris", weight: 1.5, make: slowloris },
  { name: "malformed JSON", weight: 6, make: malformedJson },
  { name: "invalid UTF-8", weight: 4, make: invalidUtf8 },
  { name: "huge body", weight: 2, make: hugeBody },
  { name: "batch", weight: 3, make: batch },
  { name: "depth bomb", weight: 5, make: depthBomb },
  { name: "alias bomb", weight: 4, make: aliasBomb },
  { name: "fragment cycle", weight: 3, make: fragmentCycle },
  { name: "fragment expansion", weight: 0.5, make: fragmentExpansionBomb },
  { name: "directive flood", weight: 3, make: directiveFlood },
  { name: "huge string", weight: 3, make: hugeString },
  { name: "search pattern", weight: 6, make: searchPattern },
  { name: "id list", weight: 3, make: idList },
  { name: "persisted query", weight: 8, make: persistedQuery },
  { name: "CORS", weight: 4, make: cors },
  { name: "method and path", weight: 5, make: methodAndPath },
  { name: "introspection", weight: 2, make: introspection },
  { name: "operation type", weight: 2, make: operationType },
  { name: "operation name", weight: 3, make: operationName },
  { name: "deep variables", weight: 3, make: deepVariables },
  { name: "numbers", weight: 3, make: numbers },
  { name: "network ranking", weight: 5, make: networkRanking },
  { name: "subgraph direct", weight: 6, make: subgraphDirect },
  { name: "GraphQL syntax", weight: 4, make: syntax },
  { name: "headers", weight: 3, make: headerTricks },
];
