// Writes for seeding and imports: programmes and projects upserted by id, with their places.
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
