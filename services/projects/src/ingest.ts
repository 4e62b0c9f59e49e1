// The projects subgraph's one write path, for the seed and imports (run by the seed's writeGraph,
// which moves the database's revision on afterwards), and the reads that merging needs: programmes
// and projects upserted by id, with their places.
import { insertRows, uniqueBy } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import type { EntityManager } from "typeorm";
import { Programme } from "./entities/programme.entity";
import { type Money, Project, type ProjectPartnerRecord } from "./entities/project.entity";
import { ProjectCity } from "./entities/project-city.entity";

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

export async function upsertProjects(manager: EntityManager, inputs: readonly ProjectInput[]): Promise<void> {
  const repository = manager.getRepository(Project);
  for (const { cityIds, partners, ...input } of uniqueBy(inputs, (project) => project.id, lastWins)) {
    await repository.save(
      repository.create({
        ...input,
        partnerRecords: partners,
        acronym: input.acronym ?? null,
        programmeId: input.programmeId ?? null,
        totalBudget: input.totalBudget ?? null,
        euContribution: input.euContribution ?? null,
        start: input.start ?? null,
        end: input.end ?? null,
        participantCount: input.participantCount ?? null,
      }),
    );
    await manager.getRepository(ProjectCity).delete({ projectId: input.id });
    await insertRows(
      manager,
      ProjectCity,
      [...new Set(cityIds)].map((cityId, position) => ({ projectId: input.id, cityId, position })),
    );
  }
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
