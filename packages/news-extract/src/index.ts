export * from "./dates";
export * from "./errors";
export * from "./feed";
export * from "./html";
export * from "./input";
export * from "./language";
export * from "./plan";
export * from "./types";
