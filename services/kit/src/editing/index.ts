// Editing: changesets' staged edits, versions, history, deprecation and the apply protocol.
export * from "./changes";
export * from "./changeset-ids";
export * from "./editable";
export * from "./entities";
export * from "./history-types";
export * from "./protocol";
export * from "./source-input";
export * from "./versioned";
