// EU projects as CSV in the shape keep.eu exports them: one row per partner, the project's fields
// repeated on each. Rows are grouped into projects by programme and acronym (the title where there
// is no acronym), programmes are matched by name, partners' places go through the PlaceResolver.
// A project or programme the graph holds keeps what it has and gains what it lacked and this file
// as a source.
import path from "node:path";
import { upsertCities } from "@twingraph/cities";
import { mergeSources, nameKey, type SourceRecord, slug } from "@twingraph/kit/text";
import {
  allProgrammes,
  type Money,
  PartnerRole,
  type Programme,
  type ProgrammeInput,
  type ProjectInput,
  type ProjectPartnerRecord,
  type ProjectWithPlaces,
  projectsWithPlaces,
  upsertProgrammes,
  upsertProjects,
} from "@twingraph/projects";
import type { EntityManager } from "typeorm";
import type { Databases } from "../databases";
import { countryCodeOf, PlaceResolver, placeName, RowError } from "../places";
import { type GraphWriter, writeGraph } from "../write-graph";
import { type Columns, csvRows, headerKey, readTextFile } from "./import-file";
import {
  checkRows,
  emptyReport,
  type ImportReport,
  type Progress,
  type RowOutcome,
  writeInSteps,
} from "./import-report";
import { checkOrder, euros, projectDate } from "./values";

type ProjectColumn =
  | "acronym"
  | "title"
  | "programme"
  | "fund"
  | "budget"
  | "euContribution"
  | "start"
  | "end"
  | "partnerName"
  | "role"
  | "city"
  | "country";

/** The first name of each column is the one to write; the others are keep.eu's longer headers. */
export const PROJECT_COLUMNS: Columns<ProjectColumn> = {
  required: {
    acronym: ["acronym", "project acronym"],
    title: ["title", "project title", "project name", "project name in English"],
    programme: ["programme", "program", "programme name"],
    partnerName: ["partner name", "partner", "partner name in English"],
    role: ["role", "partner role"],
    city: ["city", "partner city"],
    country: ["country", "partner country"],
  },
  optional: {
    fund: ["fund", "funds"],
    budget: ["budget", "total budget", "project budget"],
    euContribution: ["EU contribution", "EU funding", "EU co-financing"],
    start: ["start", "start date", "project start date"],
    end: ["end", "end date", "project end date"],
  },
};

export const KEEP_EU_URL = "https://keep.eu/";

/** The role words of keep.eu exports; anything else is rejected rather than guessed. */
const ROLES = new Map<string, PartnerRole>(
  Object.entries({
    "lead partner": PartnerRole.LEAD,
    lp: PartnerRole.LEAD,
    lead: PartnerRole.LEAD,
    "project partner": PartnerRole.PARTNER,
    pp: PartnerRole.PARTNER,
    partner: PartnerRole.PARTNER,
    associated: PartnerRole.ASSOCIATED,
    "associated partner": PartnerRole.ASSOCIATED,
    ap: PartnerRole.ASSOCIATED,
  }),
);

export type ProjectRecords = "projects" | "programmes" | "cities";
export type ProjectsReport = ImportReport<ProjectRecords>;

/** What the rows of one project say of it. */
interface ProjectFields {
  acronym: string | null;
  title: string;
  programme: string;
  funds: string[];
  totalBudget: Money | null;
  euContribution: Money | null;
  start: string | null;
  end: string | null;
}

interface PartnerFields {
  name: string;
  role: PartnerRole;
  countryCode: string;
  city: string | null;
}

interface ProjectDraft {
  fields: ProjectFields;
  /** the row that first named the project, for messages */
  firstRow: number;
  /** by partner name key, with the row that named it */
  partners: Map<string, { row: number; fields: PartnerFields; record: ProjectPartnerRecord }>;
}

/** Imports a keep.eu projects export; a file that fails its checks changes nothing. */
export function importProjects(
  databases: Databases,
  file: string,
  progress?: Progress,
): Promise<ProjectsReport> {
  return writeGraph(databases, (writer) => writeProjects(writer, file, progress));
}

/** A keep.eu export written through a writer (what importProjects runs in writeGraph). */
export async function writeProjects(
  writer: GraphWriter,
  file: string,
  progress: Progress = () => {},
): Promise<ProjectsReport> {
  const rows = csvRows(await readTextFile(file), PROJECT_COLUMNS, file);
  const source: SourceRecord = { document: path.basename(file), url: KEEP_EU_URL };
  const places = await PlaceResolver.open(writer.databases.cities.manager);
  const drafts = new Map<string, ProjectDraft>();
  const report = emptyReport("projects", file, "lines", ["projects", "programmes", "cities"] as const);
  checkRows(rows, report, progress, ({ position, values }) => {
    const project = projectFields(values);
    const partner = partnerFields(values);
    const key = projectKey(project);
    const draft = drafts.get(key) ?? { fields: project, firstRow: position, partners: new Map() };
    // nothing changes until every check of the row has passed
    const fields = agreeing(draft, project);
    const outcome = addPartner(draft, partner, position, places, source);
    draft.fields = fields;
    drafts.set(key, draft);
    return outcome;
  });
  report.created.cities = places.created;
  report.merged.cities = places.matched;
  report.gazetteer = places.report;
  await writer.write("cities", (manager) =>
    writeInSteps(places.inputs(), (batch) => upsertCities(manager, batch), "cities", progress),
  );
  await writer.write("projects", async (manager) => {
    const { programmes, projects } = await mergeWithExisting(manager, [...drafts.values()], source, report);
    await upsertProgrammes(manager, programmes);
    await writeInSteps(projects, (batch) => upsertProjects(manager, batch), "projects", progress);
  });
  return report;
}

function projectFields(values: Record<ProjectColumn, string>): ProjectFields {
  if (values.programme === "") throw new RowError("the programme is empty");
  if (values.title === "") throw new RowError("the project title is empty");
  const totalBudget = euros(values.budget, "the budget");
  const euContribution = euros(values.euContribution, "the EU contribution");
  if (totalBudget && euContribution && euContribution.amount > totalBudget.amount)
    throw new RowError(
      `the EU contribution (${euContribution.amount}) exceeds the budget (${totalBudget.amount})`,
    );
  const start = projectDate(values.start, "the start");
  const end = projectDate(values.end, "the end");
  checkOrder(start, end, "the project");
  return {
    acronym: values.acronym || null,
    title: values.title,
    programme: values.programme,
    funds: fundsOf(values.fund),
    totalBudget,
    euContribution,
    start,
    end,
  };
}

/** "ERDF", "ERDF; IPA II" or "ERDF, ENI": each fund once. */
function fundsOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[;,/]/)
        .map((fund) => fund.trim())
        .filter(Boolean),
    ),
  ];
}

function partnerFields(values: Record<ProjectColumn, string>): PartnerFields {
  if (values.partnerName === "") throw new RowError("the partner name is empty");
  const role = ROLES.get(headerKey(values.role));
  if (!role)
    throw new RowError(
      `unknown partner role "${values.role}" (expected Lead partner/LP, Project partner/PP or Associated)`,
    );
  const countryCode = countryCodeOf(values.country);
  // keep.eu lists some partners without a town: they stay partners, with their country only
  const city = values.city === "" ? null : placeName(values.city);
  return { name: values.partnerName, role, countryCode, city };
}

function projectKey(project: ProjectFields): string {
  const name = project.acronym ? `acronym:${nameKey(project.acronym)}` : `title:${nameKey(project.title)}`;
  return `${nameKey(project.programme)}|${name}`;
}

/**
 * The project's fields with what this row adds. Every row of a project repeats its fields: a row
 * that states one differently is rejected, since only a person can tell which is right.
 */
function agreeing(draft: ProjectDraft, row: ProjectFields): ProjectFields {
  const earlier = draft.fields;
  const differs = (what: string, a: unknown, b: unknown) => {
    if (a !== null && b !== null && JSON.stringify(a) !== JSON.stringify(b))
      throw new RowError(`${what} differs from line ${draft.firstRow}'s`);
  };
  if (nameKey(earlier.title) !== nameKey(row.title)) differs("the title", earlier.title, row.title);
  if (earlier.funds.length > 0 && row.funds.length > 0)
    differs("the fund", [...earlier.funds].sort(), [...row.funds].sort());
  differs("the budget", earlier.totalBudget, row.totalBudget);
  differs("the EU contribution", earlier.euContribution, row.euContribution);
  differs("the start", earlier.start, row.start);
  differs("the end", earlier.end, row.end);
  return {
    ...earlier,
    funds: earlier.funds.length > 0 ? earlier.funds : row.funds,
    totalBudget: earlier.totalBudget ?? row.totalBudget,
    euContribution: earlier.euContribution ?? row.euContribution,
    start: earlier.start ?? row.start,
    end: earlier.end ?? row.end,
  };
}

/** A partner named again the same way is a duplicate row; named again differently, a conflict. */
function addPartner(
  draft: ProjectDraft,
  partner: PartnerFields,
  row: number,
  places: PlaceResolver,
  source: SourceRecord,
): RowOutcome {
  const key = nameKey(partner.name);
  const earlier = draft.partners.get(key);
  if (earlier) {
    const same =
      earlier.fields.role === partner.role &&
      earlier.fields.countryCode === partner.countryCode &&
      nameKey(earlier.fields.city ?? "") === nameKey(partner.city ?? "");
    if (same) return "duplicate";
    throw new RowError(
      `the partner "${partner.name}" is listed on line ${earlier.row} with another role or place`,
    );
  }
  const cityId = partner.city ? places.resolve(partner.city, partner.countryCode, source).id : null;
  draft.partners.set(key, {
    row,
    fields: partner,
    record: { name: partner.name, role: partner.role, cityId, countryCode: partner.countryCode },
  });
  return "imported";
}

/** Programmes and projects to write: the graph's own, completed, or new ones; counted in the report. */
async function mergeWithExisting(
  manager: EntityManager,
  drafts: readonly ProjectDraft[],
  source: SourceRecord,
  report: ProjectsReport,
): Promise<{ programmes: ProgrammeInput[]; projects: ProjectInput[] }> {
  const existingProgrammes = new Map(
    (await allProgrammes(manager)).map((programme) => [nameKey(programme.name), programme]),
  );
  const programmes = new Map<string, ProgrammeInput>();
  for (const draft of drafts) {
    const key = nameKey(draft.fields.programme);
    const programme = programmes.get(key) ?? programmeInput(existingProgrammes.get(key), draft, source);
    programme.funds = union(programme.funds, draft.fields.funds);
    programmes.set(key, programme);
  }
  const existingProjects = await projectIndex(manager);
  const projects = drafts.map((draft) => {
    const programmeId = programmes.get(nameKey(draft.fields.programme))!.id;
    const existing = existingProjects.find(programmeId, draft.fields);
    if (existing) report.merged.projects += 1;
    else report.created.projects += 1;
    return existing
      ? completed(existing, programmeId, draft, source)
      : newProject(programmeId, draft, source);
  });
  const knownProgrammeIds = new Set([...existingProgrammes.values()].map((programme) => programme.id));
  for (const programme of programmes.values()) {
    if (knownProgrammeIds.has(programme.id)) report.merged.programmes += 1;
    else report.created.programmes += 1;
  }
  return { programmes: [...programmes.values()], projects };
}

function programmeInput(
  existing: Programme | undefined,
  draft: ProjectDraft,
  source: SourceRecord,
): ProgrammeInput {
  if (existing) return { ...existing, sources: mergeSources(existing.sources, [source]) };
  const name = draft.fields.programme;
  // an export names the programme, not who funds it nor which countries it covers
  return { id: `prog-${slug(name)}`, name, funder: null, funds: [], countryCodes: [], sources: [source] };
}

/**
 * The graph's projects, found by programme and acronym, or programme and title; a project a source
 * described without its programme is found by acronym or title alone, and gains the programme.
 */
async function projectIndex(manager: EntityManager) {
  const byKey = new Map<string, ProjectWithPlaces>();
  const keysOf = (programmeId: string | null, acronym: string | null, title: string) => [
    ...(acronym ? [`${programmeId ?? ""}|acronym:${nameKey(acronym)}`] : []),
    `${programmeId ?? ""}|title:${nameKey(title)}`,
  ];
  for (const entry of await projectsWithPlaces(manager)) {
    const { programmeId, acronym, title } = entry.project;
    for (const key of keysOf(programmeId, acronym, title)) if (!byKey.has(key)) byKey.set(key, entry);
  }
  return {
    find(programmeId: string, { acronym, title }: ProjectFields): ProjectWithPlaces | undefined {
      const keys = [...keysOf(programmeId, acronym, title), ...keysOf(null, acronym, title)];
      return keys.map((key) => byKey.get(key)).find((entry) => entry !== undefined);
    },
  };
}

function newProject(programmeId: string, draft: ProjectDraft, source: SourceRecord): ProjectInput {
  const { fields } = draft;
  const partners = [...draft.partners.values()].map((partner) => partner.record);
  return {
    id: `proj-${slug(fields.acronym ?? fields.title)}-${slug(fields.programme)}`,
    acronym: fields.acronym,
    title: fields.title,
    programmeId,
    funds: fields.funds,
    totalBudget: fields.totalBudget,
    euContribution: fields.euContribution,
    start: fields.start,
    end: fields.end,
    partners,
    cityIds: union(
      [],
      partners.flatMap((partner) => (partner.cityId ? [partner.cityId] : [])),
    ),
    objectives: [],
    results: [],
    sources: [source],
  };
}

/** The project as the graph has it, with what it lacked from the file: partners, places, dates, sums. */
function completed(
  { project, cityIds }: ProjectWithPlaces,
  programmeId: string,
  draft: ProjectDraft,
  source: SourceRecord,
): ProjectInput {
  const { fields } = draft;
  const known = new Set(project.partnerRecords.map((partner) => nameKey(partner.name)));
  const added = [...draft.partners.values()]
    .map((partner) => partner.record)
    .filter((partner) => !known.has(nameKey(partner.name)));
  const partners = [...project.partnerRecords, ...added];
  return {
    id: project.id,
    acronym: project.acronym ?? fields.acronym,
    title: project.title,
    programmeId: project.programmeId ?? programmeId,
    funds: union(project.funds, fields.funds),
    totalBudget: project.totalBudget ?? fields.totalBudget,
    euContribution: project.euContribution ?? fields.euContribution,
    start: project.start ?? fields.start,
    end: project.end ?? fields.end,
    partners,
    cityIds: union(
      cityIds,
      partners.flatMap((partner) => (partner.cityId ? [partner.cityId] : [])),
    ),
    participantCount: project.participantCount,
    objectives: project.objectives,
    results: project.results,
    sources: mergeSources(project.sources, [source]),
  };
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}
