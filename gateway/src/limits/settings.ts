// The gateway's operation limits and cost settings: each has a documented default (docs/limits.md)
// and an environment variable that changes it.

export interface OperationLimits {
  /** operations in one JSON array body (LIMIT_BATCH) */
  batch: number;
  /** lexical tokens of a document, counted by graphql-js's parser, which stops past it (LIMIT_TOKENS) */
  tokens: number;
  /** fields of a document as if every fragment spread were replaced by its fragment (LIMIT_FIELDS) */
  fields: number;
  /** nesting of fields, fragments inlined (LIMIT_DEPTH) */
  depth: number;
  /** aliased fields, fragments inlined, `__typename` aliases free (LIMIT_ALIASES) */
  aliases: number;
  /** fields at the root of an operation (LIMIT_ROOT_FIELDS) */
  rootFields: number;
  /** directives of an operation, fragments inlined (LIMIT_DIRECTIVES) */
  directives: number;
  /** items of any list, written in the document or given as a variable (LIMIT_LIST_ITEMS) */
  listItems: number;
  /** the variables as JSON, in bytes (LIMIT_VARIABLES_BYTES) */
  variablesBytes: number;
  /** nesting of lists and objects in the variables (LIMIT_VARIABLES_DEPTH) */
  variablesDepth: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  batch: 10,
  tokens: 2_000,
  fields: 2_000,
  depth: 10,
  aliases: 15,
  rootFields: 10,
  directives: 50,
  listItems: 100,
  variablesBytes: 32_768,
  variablesDepth: 10,
};

const LIMIT_VARIABLES: Record<keyof OperationLimits, string> = {
  batch: "LIMIT_BATCH",
  tokens: "LIMIT_TOKENS",
  fields: "LIMIT_FIELDS",
  depth: "LIMIT_DEPTH",
  aliases: "LIMIT_ALIASES",
  rootFields: "LIMIT_ROOT_FIELDS",
  directives: "LIMIT_DIRECTIVES",
  listItems: "LIMIT_LIST_ITEMS",
  variablesBytes: "LIMIT_VARIABLES_BYTES",
  variablesDepth: "LIMIT_VARIABLES_DEPTH",
};

/** How the cost of an operation is estimated and how much one may cost (docs/limits.md, "Cost"). */
export interface CostSettings {
  /** the largest cost an operation may have (LIMIT_COST) */
  maxCost: number;
  /** how many items a list without a `first` argument is assumed to hold (COST_ASSUMED_LIST_SIZE) */
  assumedListSize: number;
  /** places in the whole network view (COST_NETWORK_PLACES; the world file has about 17,000) */
  networkPlaces: number;
  /** places in a view filtered by country, partner places abroad included (COST_COUNTRY_PLACES) */
  countryPlaces: number;
}

export const DEFAULT_COST: CostSettings = {
  maxCost: 10_000,
  assumedListSize: 10,
  networkPlaces: 20_000,
  countryPlaces: 3_000,
};

const COST_VARIABLES: Record<keyof CostSettings, string> = {
  maxCost: "LIMIT_COST",
  assumedListSize: "COST_ASSUMED_LIST_SIZE",
  networkPlaces: "COST_NETWORK_PLACES",
  countryPlaces: "COST_COUNTRY_PLACES",
};

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return settingsFromEnv(DEFAULT_LIMITS, LIMIT_VARIABLES, env);
}

export function costFromEnv(env: NodeJS.ProcessEnv = process.env): CostSettings {
  return settingsFromEnv(DEFAULT_COST, COST_VARIABLES, env);
}

function settingsFromEnv<T extends { [K in keyof T]: number }>(
  defaults: T,
  variables: Record<keyof T, string>,
  env: NodeJS.ProcessEnv,
): T {
  const settings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = env[variables[key]];
    if (value !== undefined && value !== "")
      settings[key] = positiveInteger(variables[key], value) as T[keyof T];
  }
  return settings;
}

/** A whole number above zero from an environment variable; anything else stops the start, saying so. */
export function positiveInteger(variable: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new Error(`${variable} must be a whole number above 0, got "${value}"`);
  return number;
}
