// The kit's editing operations over one subgraph's database: staging an edit (what the subgraph's
// mutations call), the apply protocol's steps (prepare, commit, abort, revert) in process or over
// HTTP, history reads, and history kept by the seed's and imports' writes (trackChanges).
export { abortChangeset, commitChangeset, prepareChangeset } from "./apply";
export { editsOf, proposedEdit, proposedEdits } from "./edits";
export { historyOf, historyOfRecords, historySince, recordChange, recordChanges } from "./history";
export { fieldChanges, stableJson } from "./json";
export {
  type ChangeStep,
  DEFAULT_STEP_TIMEOUT_MS,
  type HttpParticipantOptions,
  httpParticipant,
  localParticipant,
  ParticipantError,
} from "./participants";
export { revertChangeset } from "./revert";
export { changeRoutes, FAULT_EXIT_CODE, FAULT_VARIABLE } from "./routes";
export {
  type EditToStage,
  proposedInChangeset,
  proposeEdit,
  type StageEditsOptions,
  type StageRequest,
  stageEdit,
  stageEdits,
} from "./stage";
export { type ChangeContext, changeContextOf, setChangeContext, trackChanges } from "./track";
export { changesTransaction } from "./transaction";
