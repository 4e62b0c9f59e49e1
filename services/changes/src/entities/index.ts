// The tables this subgraph owns (and the revision every subgraph database keeps).
import { DataRevision } from "@twingraph/kit/subgraph";
import { Changeset } from "./changeset.entity";
import { ChangesetComment } from "./changeset-comment.entity";

export { type ApplyPhase, Changeset, ChangesetKind, ChangesetStatus } from "./changeset.entity";
export { ChangesetComment } from "./changeset-comment.entity";
export const changesEntities = [Changeset, ChangesetComment, DataRevision];
