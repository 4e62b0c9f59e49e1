// The network exports read back: by the JavaScript parsers here, and — where Debian's python3 and
// python3-networkx are installed — by Python's strict XML parser and by NetworkX itself, which is
// what researchers load them with. The network is small but awkward: markup characters, quotes,
// commas, line breaks, Cyrillic, a control character, a city without coordinates, an isolated city,
// two partnerships joining the same two cities and a multilateral partnership.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { parse as parseCsv } from "csv-parse/sync";
import { MultiUndirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  creditLine,
  formatNetwork,
  NETWORK_FORMATS,
  type NetworkData,
  type NetworkFormat,
  type NetworkNode,
  toEdgesCsv,
  toGexf,
  toGraphml,
  toNodeLinkJson,
  toNodesCsv,
} from "../src/export";

const AWKWARD = `Bar & "Grill" <Saint-Denis><Nord>, L'Île`;
const MULTILINE = "Line one\nLine two\r\nLine three";

const node = (
  id: string,
  name: string,
  country: string,
  countryName: string,
  degree: number,
  at: number[] = [],
) =>
  ({
    id,
    name,
    countryCode: country,
    countryName,
    latitude: at[0] ?? null,
    longitude: at[1] ?? null,
    degree,
  }) satisfies NetworkNode;

const network: NetworkData = {
  description: "twingraph partnership network, country=SI",
  sources: [
    { document: "kranj-villach.md", url: null },
    { document: "world-twinnings.csv", url: "https://example.org/twins?list=1&format=csv" },
  ],
  nodes: [
    node("si-kranj", "Kranj", "SI", "Slovenia", 4, [46.2389, 14.3556]),
    node("at-villach", "Villach", "AT", "Austria", 3, [46.6167, 13.85]),
    node("ru-moskva", "Москва", "RU", "Russia", 2, [55.7558, 37.6173]),
    node("fr-awkward", AWKWARD, "FR", "France", 2, [48.9362, 2.3574]),
    node("ba-multiline", MULTILINE, "BA", "Bosnia and Herzegovina", 1),
    node("sk-bell", "Bell\u0007town", "SK", "Slovakia", 0, [48.1, 17.1]),
  ],
  edges: [
    {
      id: "p-kv",
      source: "si-kranj",
      target: "at-villach",
      kind: "TWINNING",
      status: "ACTIVE",
      since: "1960",
      until: null,
    },
    // the same two cities, written the other way round, in a second partnership
    {
      id: "p-coop",
      source: "at-villach",
      target: "si-kranj",
      kind: "COOPERATION",
      status: "ENDED",
      since: "2008-05-22",
      until: "2012",
    },
    ...[
      ["si-kranj", "ru-moskva"],
      ["si-kranj", "fr-awkward"],
      ["ru-moskva", "fr-awkward"],
    ].map(([source, target]) => ({
      id: "p-multi",
      source,
      target,
      kind: "COOPERATION",
      status: "ACTIVE",
      since: "2001-05",
      until: null,
    })),
    {
      id: "p-nl",
      source: "ba-multiline",
      target: "at-villach",
      kind: "TWINNING",
      status: "PROPOSED",
      since: null,
      until: null,
    },
  ],
};

const empty: NetworkData = { description: "nothing matched", sources: [], nodes: [], edges: [] };

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, "application/xml");
}

describe("GraphML export", () => {
  const graphml = toGraphml(network);
  const doc = parseXml(graphml);
  const dataOf = (element: Element) =>
    Object.fromEntries(
      Array.from(element.getElementsByTagName("data"))
        .filter((data) => data.parentNode === element)
        .map((data) => [data.getAttribute("key"), data.textContent]),
    );
  const nodeById = (id: string) =>
    Array.from(doc.getElementsByTagName("node")).find((n) => n.getAttribute("id") === id)!;

  it("declares typed keys and an undirected graph", () => {
    expect(graphml).toContain('<key id="latitude" for="node" attr.name="latitude" attr.type="double"/>');
    expect(graphml).toContain('<key id="degree" for="node" attr.name="degree" attr.type="int"/>');
    expect(graphml).toContain(
      '<key id="partnership" for="edge" attr.name="partnership" attr.type="string"/>',
    );
    expect(doc.getElementsByTagName("graph")[0].getAttribute("edgedefault")).toBe("undirected");
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    // a lenient DOM parser would read an unescaped name the same way, so look at the bytes too
    expect(graphml).toContain(
      `<data key="label">Bar &amp; "Grill" &lt;Saint-Denis&gt;&lt;Nord&gt;, L'Île</data>`,
    );
    expect(graphml).toContain("?list=1&amp;format=csv");
    expect(graphml).not.toContain("\u0007");
    expect(graphml).toContain("Line one\nLine two&#13;\nLine three");
  });

  it("writes every city and every edge with its attributes, omitting what is unknown", () => {
    expect(doc.getElementsByTagName("node")).toHaveLength(6);
    const edges = Array.from(doc.getElementsByTagName("edge"));
    expect(edges).toHaveLength(6);
    expect(new Set(edges.map((e) => e.getAttribute("id"))).size).toBe(6);
    expect(dataOf(nodeById("ru-moskva"))).toEqual({
      label: "Москва",
      country: "RU",
      countryName: "Russia",
      latitude: "55.7558",
      longitude: "37.6173",
      degree: "2",
    });
    expect(dataOf(nodeById("fr-awkward")).label).toBe(AWKWARD);
    expect(dataOf(nodeById("ba-multiline"))).toEqual({
      label: MULTILINE,
      country: "BA",
      countryName: "Bosnia and Herzegovina",
      degree: "1",
    });
    expect(dataOf(nodeById("sk-bell")).label).toBe("Belltown");
    const multi = edges.filter((e) => dataOf(e).partnership === "p-multi");
    expect(multi.map((e) => `${e.getAttribute("source")}-${e.getAttribute("target")}`)).toEqual([
      "si-kranj-ru-moskva",
      "si-kranj-fr-awkward",
      "ru-moskva-fr-awkward",
    ]);
    const coop = edges.find((e) => dataOf(e).partnership === "p-coop")!;
    expect(dataOf(coop)).toEqual({
      partnership: "p-coop",
      kind: "COOPERATION",
      status: "ENDED",
      since: "2008-05-22",
      until: "2012",
    });
  });

  it("credits the description and the sources on the graph", () => {
    expect(dataOf(doc.getElementsByTagName("graph")[0])).toEqual({
      description: "twingraph partnership network, country=SI",
      sources: "kranj-villach.md; world-twinnings.csv <https://example.org/twins?list=1&format=csv>",
    });
  });
});

describe("GEXF export", () => {
  const gexf = toGexf(network);
  const graph = parseGexf(MultiUndirectedGraph, gexf, { respectInputGraphType: true });

  it("is GEXF 1.2draft with the sources in its meta description", () => {
    expect(gexf).toContain('<gexf version="1.2" xmlns="http://www.gexf.net/1.2draft"');
    expect(gexf).toContain('xmlns:viz="http://www.gexf.net/1.2draft/viz"');
    expect(gexf).toContain('<graph defaultedgetype="undirected">');
    expect(gexf).not.toContain("\u0007");
    expect(graph.getAttributes()).toEqual({ creator: "twingraph", description: creditLine(network) });
  });

  it("keeps parallel edges and every pair of a multilateral partnership", () => {
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(6);
    const partnerships = (a: string, b: string) =>
      graph.edges(a, b).map((edge) => graph.getEdgeAttribute(edge, "partnership") as string);
    expect(partnerships("si-kranj", "at-villach").sort()).toEqual(["p-coop", "p-kv"]);
    expect(graph.filterEdges((_e, attributes) => attributes.partnership === "p-multi")).toHaveLength(3);
    expect(graph.getEdgeAttributes(graph.edges("ba-multiline", "at-villach")[0])).toEqual({
      partnership: "p-nl",
      kind: "TWINNING",
      status: "PROPOSED",
    });
  });

  it("labels cities by name and gives coordinates as typed attributes", () => {
    expect(gexf).toMatch(/<attribute id="latitude" title="latitude" type="double"\/>/);
    expect(gexf).toMatch(/<attribute id="degree" title="degree" type="integer"\/>/);
    expect(graph.getNodeAttributes("ru-moskva")).toEqual({
      label: "Москва",
      country: "RU",
      countryName: "Russia",
      latitude: 55.7558,
      longitude: 37.6173,
      degree: 2,
    });
    expect(graph.getNodeAttribute("fr-awkward", "label")).toBe(AWKWARD);
    expect(graph.getNodeAttribute("ba-multiline", "label")).toBe(MULTILINE);
    expect(graph.getNodeAttributes("ba-multiline")).not.toHaveProperty("latitude");
    expect(graph.degree("sk-bell")).toBe(0);
  });
});

describe("CSV export", () => {
  const rows = (csv: string) => parseCsv(csv, { columns: true }) as Record<string, string>[];

  it("lists nodes with a header, RFC 4180 quoting and empty fields for unknown values", () => {
    const csv = toNodesCsv(network);
    expect(csv.startsWith("id,name,country,countryName,latitude,longitude,degree\r\n")).toBe(true);
    expect(csv).toContain(`fr-awkward,"Bar & ""Grill"" <Saint-Denis><Nord>, L'Île",FR,`);
    expect(csv.endsWith("\r\n")).toBe(true);
    const nodes = rows(csv);
    expect(nodes.map((n) => n.name)).toEqual(network.nodes.map((n) => n.name));
    expect(nodes[4]).toEqual({
      id: "ba-multiline",
      name: MULTILINE,
      country: "BA",
      countryName: "Bosnia and Herzegovina",
      latitude: "",
      longitude: "",
      degree: "1",
    });
    expect(nodes[2]).toMatchObject({
      name: "Москва",
      latitude: "55.7558",
      longitude: "37.6173",
      degree: "2",
    });
  });

  it("lists one row per edge, partnership ids repeating for a multilateral partnership", () => {
    const edges = rows(toEdgesCsv(network));
    expect(Object.keys(edges[0])).toEqual([
      "source",
      "target",
      "partnership",
      "kind",
      "status",
      "since",
      "until",
    ]);
    expect(edges.map((e) => e.partnership)).toEqual([
      "p-kv",
      "p-coop",
      "p-multi",
      "p-multi",
      "p-multi",
      "p-nl",
    ]);
    expect(edges[1]).toEqual({
      source: "at-villach",
      target: "si-kranj",
      partnership: "p-coop",
      kind: "COOPERATION",
      status: "ENDED",
      since: "2008-05-22",
      until: "2012",
    });
    expect(edges[5]).toMatchObject({ since: "", until: "" });
  });

  it("offers the credits as one line for a header", () => {
    expect(creditLine(network)).toBe(
      "twingraph partnership network, country=SI. Sources: kranj-villach.md; " +
        "world-twinnings.csv <https://example.org/twins?list=1&format=csv>",
    );
    expect(creditLine({ ...empty, description: "a\nb" })).toBe("a b");
  });
});

describe("JSON export", () => {
  const json = JSON.parse(toNodeLinkJson(network));

  it("is NetworkX node-link data for an undirected multigraph, with the credits", () => {
    expect(json).toMatchObject({ directed: false, multigraph: true, description: network.description });
    expect(json.sources).toEqual(network.sources);
    expect(json.graph).toEqual({ description: network.description, sources: network.sources });
    expect(json.nodes[4]).toEqual({
      id: "ba-multiline",
      name: MULTILINE,
      country: "BA",
      countryName: "Bosnia and Herzegovina",
      latitude: null,
      longitude: null,
      degree: 1,
    });
    expect(json.links).toHaveLength(6);
    expect(new Set(json.links.map((link: { key: string }) => link.key)).size).toBe(6);
    expect(json.links[3]).toEqual({
      key: "p-multi:si-kranj:fr-awkward",
      source: "si-kranj",
      target: "fr-awkward",
      partnership: "p-multi",
      kind: "COOPERATION",
      status: "ACTIVE",
      since: "2001-05",
      until: null,
    });
  });
});

describe("formatNetwork", () => {
  const writers: Record<NetworkFormat, (data: NetworkData) => string> = {
    graphml: toGraphml,
    gexf: toGexf,
    "nodes.csv": toNodesCsv,
    "edges.csv": toEdgesCsv,
    json: toNodeLinkJson,
  };

  it.each(NETWORK_FORMATS)("serves %s with its media type and file name", (format) => {
    const file = formatNetwork(format, network);
    expect(file.body).toBe(writers[format](network));
    expect(file.fileName).toBe(`network.${format}`);
    expect(file.contentType).toMatch(/^[a-z]+\/[a-z+-]+; charset=utf-8/);
  });

  it("rejects a format it does not know", () => {
    expect(() => formatNetwork("dot" as NetworkFormat, network)).toThrow(/unknown network format "dot"/);
  });

  it("writes an empty network as files that still parse", () => {
    expect(toNodesCsv(empty)).toBe("id,name,country,countryName,latitude,longitude,degree\r\n");
    expect(toEdgesCsv(empty)).toBe("source,target,partnership,kind,status,since,until\r\n");
    const gexf = toGexf(empty);
    expect(gexf).toContain('<graph defaultedgetype="undirected">');
    expect(parseGexf(MultiUndirectedGraph, gexf, { respectInputGraphType: true }).order).toBe(0);
    expect(parseXml(toGraphml(empty)).getElementsByTagName("graph")).toHaveLength(1);
    expect(JSON.parse(toNodeLinkJson(empty))).toMatchObject({ nodes: [], links: [] });
  });

  it.each(NETWORK_FORMATS)(
    "refuses in %s an edge to a city that is not a node, or an edge given twice",
    (format) => {
      const dangling = { ...network, edges: [{ ...network.edges[0], target: "xx-nowhere" }] };
      expect(() => formatNetwork(format, dangling)).toThrow(/names city xx-nowhere, not a node/);
      const twice = { ...network, edges: [network.edges[0], { ...network.edges[0] }] };
      expect(() => formatNetwork(format, twice)).toThrow(
        /partnership p-kv joins si-kranj and at-villach twice/,
      );
    },
  );
});

// What NetworkX reads, summarised by Python as JSON for the assertions below.
const NETWORKX_SUMMARY = `
import json, sys
import networkx as nx
from networkx.readwrite import json_graph

directory = sys.argv[1]
with open(f"{directory}/network.json", encoding="utf-8") as f:
    graphs = {
        "graphml": nx.read_graphml(f"{directory}/network.graphml"),
        "gexf": nx.read_gexf(f"{directory}/network.gexf"),
        "json": json_graph.node_link_graph(json.load(f)),
    }

def summary(g):
    return {
        "type": type(g).__name__,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "degreesMatch": all(g.degree(n) == d["degree"] for n, d in g.nodes(data=True)),
        "moskva": g.nodes["ru-moskva"],
        "awkward": g.nodes["fr-awkward"],
        "multiline": g.nodes["ba-multiline"],
        "kranjVillach": sorted(d["partnership"] for d in g.get_edge_data("si-kranj", "at-villach").values()),
        "multi": sorted(sorted((u, v)) for u, v, d in g.edges(data=True) if d["partnership"] == "p-multi"),
        "graph": {k: v for k, v in g.graph.items() if k in ("description", "sources")},
    }

print(json.dumps({name: summary(g) for name, g in graphs.items()}))
`;

// Python's parser is expat, which rejects what a lenient DOM parser forgives; the third file proves it.
const WELL_FORMED = `
import sys
import xml.etree.ElementTree as ET
for name in sys.argv[1:]:
    try:
        ET.parse(name)
        print("ok")
    except ET.ParseError as error:
        print(f"error: {error}")
`;

const python = "/usr/bin/python3";
const pythonHas = (module: string) => spawnSync(python, ["-c", `import ${module}`]).status === 0;
const hasPython = pythonHas("xml.etree.ElementTree");
const networkxAvailable = pythonHas("networkx");

describe("read by Python", () => {
  let directory: string;
  const file = (name: string) => path.join(directory, name);

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-export-"));
    for (const format of ["graphml", "gexf", "json"] as const) {
      writeFileSync(file(`network.${format}`), formatNetwork(format, network).body);
    }
    writeFileSync(file("broken.xml"), "<a>Bar & Grill</a>");
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(python, ["-c", script, ...args], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout;
  };

  it.skipIf(!hasPython)(
    hasPython ? "GraphML and GEXF are well-formed XML to a strict parser" : `skipped: ${python} is missing`,
    () => {
      const out = run(WELL_FORMED, file("network.graphml"), file("network.gexf"), file("broken.xml"));
      expect(out.trim().split("\n")).toEqual(["ok", "ok", expect.stringMatching(/^error: not well-formed/)]);
    },
  );

  it.skipIf(!networkxAvailable)(
    networkxAvailable
      ? "NetworkX reads GraphML, GEXF and node-link JSON as the same multigraph"
      : "NetworkX check skipped: python3-networkx is missing (apt-get install python3-networkx)",
    () => {
      const summaries = JSON.parse(run(NETWORKX_SUMMARY, directory));
      const coordinates = { latitude: 55.7558, longitude: 37.6173 };
      const moskva = { country: "RU", countryName: "Russia", degree: 2, ...coordinates };
      for (const [format, label] of [
        ["graphml", "label"],
        ["gexf", "label"],
        ["json", "name"],
      ]) {
        const summary = summaries[format];
        expect(summary, format).toMatchObject({
          type: "MultiGraph",
          nodes: 6,
          edges: 6,
          degreesMatch: true,
          kranjVillach: ["p-coop", "p-kv"],
          multi: [
            ["fr-awkward", "ru-moskva"],
            ["fr-awkward", "si-kranj"],
            ["ru-moskva", "si-kranj"],
          ],
        });
        expect(summary.moskva, format).toMatchObject({ [label]: "Москва", ...moskva });
        expect(summary.awkward[label], format).toBe(AWKWARD);
        expect(summary.multiline[label], format).toBe(MULTILINE);
        expect(summary.multiline.latitude ?? null, format).toBeNull();
      }
      expect(summaries.graphml.graph).toEqual({
        description: network.description,
        sources: "kranj-villach.md; world-twinnings.csv <https://example.org/twins?list=1&format=csv>",
      });
      expect(summaries.json.graph).toEqual({ description: network.description, sources: network.sources });
    },
  );
});
