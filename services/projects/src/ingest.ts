// The projects subgraph's one write path, for the seed, imports and edits (run by the seed's
// writeGraph or the kit's apply step, which move the database's revision on afterwards), and the
// reads that merging and history need: programmes and projects upserted by id, with their places and
// the partnerships editors linked them to. Imports keep history through trackChanges; an edit's
// write gets its version from the kit's apply step.
import { findInBatches, insertRows, trackChanges, uniqueBy } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { PROJECT, projectsRegistry } from "./editing";
import { Programme } from "./entities/programme.entity";
import { type Money, Project, type ProjectPartnerRecord } from "./entities/project.entity";
import { ProjectCity } from "./entities/project-city.entity";
import { ProjectPartnership } from "./entities/project-partnership.entity";

export interface ProgrammeInput {
  id: string;
  name: string;
  funder?: string | null;
  funds: string[];
  countryCodes: string[];
  sources: SourceRecord[];
}

export interface ProjectInput {
  id: string;
  acronym?: string | null;
  title: string;
  programmeId?: string | null;
  funds: string[];
  totalBudget?: Money | null;
  euContribution?: Money | null;
  start?: string | null;
  end?: string | null;
  partners: ProjectPartnerRecord[];
  cityIds: string[];
  participantCount?: number | null;
  objectives: string[];
  results: string[];
  sources: SourceRecord[];
}

/**
 * A project's editable state as plain JSON: what history stores and diffs show, and what an edit
 * writes whole. Its places are not among them: they are the index of what sources name, which an
 * edit keeps and extends by its partners' places.
 */
export type ProjectValues = {
  acronym: string | null;
  title: string;
  programmeId: string | null;
  funds: string[];
  totalBudget: Money | null;
  euContribution: Money | null;
  start: string | null;
  end: string | null;
  partners: ProjectPartnerRecord[];
  participantCount: number | null;
  objectives: string[];
  results: string[];
  /** the partnerships an editor linked it to, in the order linked */
  partnershipIds: string[];
  sources: SourceRecord[];
};

export async function upsertProgrammes(
  manager: EntityManager,
  inputs: readonly ProgrammeInput[],
): Promise<void> {
  const repository = manager.getRepository(Programme);
  const unique = uniqueBy(inputs, (input) => input.id, lastWins);
  await repository.save(unique.map((input) => repository.create({ ...input, funder: input.funder ?? null })));
}

/** Projects and programmes are replaced whole, so of two inputs with one id the later one stands. */
function lastWins<T>(_earlier: T, later: T): T {
  return later;
}

/** Imports and the seed: each project with exactly these places; the partnerships it is linked to stay. */
export async function upsertProjects(manager: EntityManager, inputs: readonly ProjectInput[]): Promise<void> {
  const unique = uniqueBy(inputs, (project) => project.id, lastWins);
  const ids = unique.map((project) => project.id);
  await trackChanges(manager, PROJECT, projectsRegistry, ids, async () => {
    for (const { id, cityIds, partners, ...input } of unique) {
      await saveProject(manager, id, {
        ...input,
        partners,
        acronym: input.acronym ?? null,
        programmeId: input.programmeId ?? null,
        totalBudget: input.totalBudget ?? null,
        euContribution: input.euContribution ?? null,
        start: input.start ?? null,
        end: input.end ?? null,
        participantCount: input.participantCount ?? null,
      });
      await replaceCities(manager, id, cityIds);
    }
  });
}

/**
 * Edits: the project's whole editable state, created when absent. Its links are set to exactly
 * `partnershipIds`; its places are kept, with its partners' places added.
 */
export async function writeProject(manager: EntityManager, id: string, values: ProjectValues): Promise<void> {
  const { partnershipIds, ...fields } = values;
  await saveProject(manager, id, fields);
  const kept = (await placesOf(manager, [id])).get(id) ?? [];
  await replaceCities(manager, id, [...kept, ...partnerPlaces(values.partners)]);
  await replaceLinks(manager, id, partnershipIds);
}

/** Never version, rank or deprecation reason: those are the kit's. */
async function saveProject(
  manager: EntityManager,
  id: string,
  { partners, ...fields }: Omit<ProjectValues, "partnershipIds">,
): Promise<void> {
  const repository = manager.getRepository(Project);
  await repository.save(repository.create({ id, ...fields, partnerRecords: partners }));
}

function partnerPlaces(partners: readonly ProjectPartnerRecord[]): string[] {
  return partners.flatMap((partner) => (partner.cityId ? [partner.cityId] : []));
}

async function replaceCities(
  manager: EntityManager,
  projectId: string,
  cityIds: readonly string[],
): Promise<void> {
  await manager.getRepository(ProjectCity).delete({ projectId });
  await insertRows(
    manager,
    ProjectCity,
    [...new Set(cityIds)].map((cityId, position) => ({ projectId, cityId, position })),
  );
}

async function replaceLinks(
  manager: EntityManager,
  projectId: string,
  partnershipIds: readonly string[],
): Promise<void> {
  await manager.getRepository(ProjectPartnership).delete({ projectId });
  await insertRows(
    manager,
    ProjectPartnership,
    [...new Set(partnershipIds)].map((partnershipId, position) => ({ projectId, partnershipId, position })),
  );
}

/** The editable values of these projects, deprecated ones too; absent ids are left out. */
export async function projectValues(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, ProjectValues>> {
  const projects = await findInBatches([...new Set(ids)], (batch) =>
    manager.getRepository(Project).findBy({ id: In(batch) }),
  );
  const links = await linksOf(manager, ids);
  return new Map(projects.map((project) => [project.id, valuesOf(project, links.get(project.id) ?? [])]));
}

/** In one key order, with absent keys as null, so that a value reads the same before and after a write. */
function valuesOf(project: Project, partnershipIds: string[]): ProjectValues {
  return {
    acronym: project.acronym,
    title: project.title,
    programmeId: project.programmeId,
    funds: project.funds,
    totalBudget: moneyValue(project.totalBudget),
    euContribution: moneyValue(project.euContribution),
    start: project.start,
    end: project.end,
    partners: project.partnerRecords.map((partner) => ({
      name: partner.name,
      role: partner.role,
      cityId: partner.cityId ?? null,
      countryCode: partner.countryCode ?? null,
    })),
    participantCount: project.participantCount,
    objectives: project.objectives,
    results: project.results,
    partnershipIds,
    sources: project.sources,
  };
}

function moneyValue(money: Money | null): Money | null {
  return money ? { amount: money.amount, currency: money.currency } : null;
}

async function placesOf(
  manager: EntityManager,
  projectIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await findInBatches(projectIds, (batch) =>
    manager.getRepository(ProjectCity).find({ where: { projectId: In(batch) }, order: { position: "ASC" } }),
  );
  return grouped(rows.map((row) => [row.projectId, row.cityId]));
}

async function linksOf(
  manager: EntityManager,
  projectIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await findInBatches(projectIds, (batch) =>
    manager
      .getRepository(ProjectPartnership)
      .find({ where: { projectId: In(batch) }, order: { position: "ASC" } }),
  );
  return grouped(rows.map((row) => [row.projectId, row.partnershipId]));
}

function grouped(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

/** Every programme: imports match theirs by name. */
export function allProgrammes(manager: EntityManager): Promise<Programme[]> {
  return manager.getRepository(Programme).find();
}

export interface ProjectWithPlaces {
  project: Project;
  /** its places in order */
  cityIds: string[];
}

/** Every project with its places: imports match theirs by programme and acronym or title. */
export async function projectsWithPlaces(manager: EntityManager): Promise<ProjectWithPlaces[]> {
  const cityIds = new Map<string, string[]>();
  for (const place of await manager.getRepository(ProjectCity).find({ order: { position: "ASC" } }))
    cityIds.set(place.projectId, [...(cityIds.get(place.projectId) ?? []), place.cityId]);
  const projects = await manager.getRepository(Project).find();
  return projects.map((project) => ({ project, cityIds: cityIds.get(project.id) ?? [] }));
}
