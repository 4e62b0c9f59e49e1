// The changes subgraph's API: changesets under the visibility rules, the feed of applied changes,
// and the steps of a changeset's life. Every decision is the coordinator's; this maps arguments.
import { ProposedEdit, RecordChange, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Changeset, ChangesetComment, ChangesetStatus } from "../entities";
import { changesOf, commentsLoader } from "./changes.context";

@Resolver(() => Changeset)
export class ChangesetResolver {
  @Query(() => Changeset, {
    nullable: true,
    description: "applied and rejected changesets are public; others only to their author and editors",
  })
  changeset(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Changeset | null> {
    return changesOf(context).find(context.viewer, id);
  }

  @Query(() => [Changeset], { description: "the changesets the viewer may see, newest first" })
  changesets(
    @Arg("status", () => ChangesetStatus, { nullable: true }) status: ChangesetStatus | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset[]> {
    return changesOf(context).list(context.viewer, status ?? null, first);
  }

  @Query(() => [RecordChange], {
    description: "versions applied at or after `since` (ISO 8601) in every subgraph, oldest first",
  })
  changes(
    @Arg("since", () => String) since: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return changesOf(context).changes(since, first);
  }

  @Mutation(() => Changeset, { description: "contributor: a new changeset to stage edits in" })
  openChangeset(
    @Arg("comment", () => String) comment: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset> {
    return changesOf(context).open(context.viewer, comment);
  }

  @Mutation(() => Changeset, { description: "its author: asks the editors to review it" })
  submitChangeset(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Changeset> {
    return changesOf(context).submit(context.viewer, id);
  }

  @Mutation(() => Changeset, {
    description:
      "editor: applies a submitted changeset, or their own open one, in every subgraph or none; APPLYING when a subgraph must still commit",
  })
  applyChangeset(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset> {
    return changesOf(context).apply(context.viewer, id, comment ?? null);
  }

  @Mutation(() => Changeset, { description: "editor: declines a changeset, saying why" })
  rejectChangeset(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String) comment: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset> {
    return changesOf(context).reject(context.viewer, id, comment);
  }

  @Mutation(() => Changeset, { description: "contributor: a remark on a changeset they may see" })
  commentOnChangeset(
    @Arg("id", () => ID) id: string,
    @Arg("text", () => String) text: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset> {
    return changesOf(context).comment(context.viewer, id, text);
  }

  @Mutation(() => Changeset, {
    description: "editor: a new REVERT changeset that restores what an applied one changed, applied at once",
  })
  revertChangeset(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String) comment: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Changeset> {
    return changesOf(context).revert(context.viewer, id, comment);
  }

  @FieldResolver(() => [ProposedEdit], { description: "its edits, from the subgraphs that hold them" })
  edits(@Root() changeset: Changeset, @Ctx() context: SubgraphContext): Promise<ProposedEdit[]> {
    return changesOf(context).edits(changeset);
  }

  @FieldResolver(() => [ChangesetComment], { description: "the discussion, oldest first" })
  comments(@Root() changeset: Changeset, @Ctx() context: SubgraphContext): Promise<ChangesetComment[]> {
    return commentsLoader(context).load(changeset.id);
  }
}
