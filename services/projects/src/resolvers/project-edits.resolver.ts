// The project mutations: each stages one edit in a changeset (the kit checks role, source, version
// and the values) and answers it as a ProposedEdit; nothing changes until the changeset is applied.
// Linking a project to a partnership is an update of its partnershipIds.
import {
  badUserInput,
  checkFirst,
  checkNonEmpty,
  checkTextLength,
  historyOf,
  ProposedEdit,
  proposeEdit,
  RecordChange,
  requireRole,
  requireSource,
  SourceInput,
  type StageRequest,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { MAX_PROJECT_TEXT, PROJECT, projectsRegistry } from "../editing";
import { Project } from "../entities/project.entity";
import { projectValues } from "../ingest";
import { createValues, ProjectInputFields, ProjectPatch, patchValues, projectId } from "./project.inputs";

const SOURCE_ARG = { nullable: true, description: "required: where the change comes from" } as const;

@Resolver(() => Project)
export class ProjectEditResolver {
  @Mutation(() => ProposedEdit, { description: "Proposes a new project in a changeset." })
  createProject(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => ProjectInputFields) input: ProjectInputFields,
    @Arg("source", () => SourceInput, SOURCE_ARG) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    // the id's form is checked only for someone who may propose at all
    requireRole(context.viewer, "contributor", "propose a change");
    return propose(context, {
      changesetId,
      recordId: projectId(input),
      op: "CREATE",
      values: createValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes changes to the fields of a project, as of the version read.",
  })
  updateProject(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => ProjectPatch) input: ProjectPatch,
    @Arg("source", () => SourceInput, SOURCE_ARG) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    requireRole(context.viewer, "contributor", "propose a change");
    return propose(context, {
      changesetId,
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: patchValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes to deprecate a project: it leaves default reads, nothing is deleted.",
  })
  deprecateProject(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, SOURCE_ARG) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    requireRole(context.viewer, "contributor", "propose a change");
    return propose(context, {
      changesetId,
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: { reason: checkTextLength(checkNonEmpty(reason, "reason"), "reason", MAX_PROJECT_TEXT).trim() },
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description:
      "Proposes to link a project to a partnership, beside the partnerships it shares cities with.",
  })
  linkProjectToPartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("projectId", () => ID) projectId: string,
    @Arg("partnershipId", () => ID) partnershipId: string,
    @Arg("version", () => Int) version: number,
    @Arg("source", () => SourceInput, SOURCE_ARG) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return proposeLinks(context, { changesetId, projectId, partnershipId, version, source }, (linked) => {
      if (linked.includes(partnershipId))
        throw badUserInput("partnershipId", `is linked to project ${projectId} already`);
      return [...linked, partnershipId];
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes to remove a link between a project and a partnership.",
  })
  unlinkProjectFromPartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("projectId", () => ID) projectId: string,
    @Arg("partnershipId", () => ID) partnershipId: string,
    @Arg("version", () => Int) version: number,
    @Arg("source", () => SourceInput, SOURCE_ARG) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return proposeLinks(context, { changesetId, projectId, partnershipId, version, source }, (linked) => {
      if (!linked.includes(partnershipId))
        throw badUserInput("partnershipId", `is not linked to project ${projectId}`);
      return linked.filter((id) => id !== partnershipId);
    });
  }

  @FieldResolver(() => [RecordChange], { description: "its versions, the newest first" })
  history(
    @Root() project: Project,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return historyOf(context.db.manager, PROJECT, project.id, checkFirst(first));
  }
}

function propose(context: SubgraphContext, request: Omit<StageRequest, "entity">): Promise<ProposedEdit> {
  return proposeEdit(context, projectsRegistry, { ...request, entity: PROJECT });
}

interface LinkRequest {
  changesetId: string;
  projectId: string;
  partnershipId: string;
  version: number;
  source: SourceInput | null;
}

/** An update of the project's partnershipIds, computed from the applied ones. */
async function proposeLinks(
  context: SubgraphContext,
  { changesetId, projectId, partnershipId, version, source }: LinkRequest,
  relink: (linked: string[]) => string[],
): Promise<ProposedEdit> {
  // who may propose and with what source come first, as for every edit
  requireRole(context.viewer, "contributor", "propose a change");
  requireSource(source);
  checkNonEmpty(partnershipId, "partnershipId");
  const current = (await projectValues(context.db.manager, [projectId])).get(projectId);
  return propose(context, {
    changesetId,
    recordId: projectId,
    op: "UPDATE",
    baseVersion: version,
    // an absent project: the kit answers NOT_FOUND
    values: { partnershipIds: current ? relink(current.partnershipIds) : [partnershipId] },
    source,
  });
}
