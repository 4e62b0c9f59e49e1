// `npm run schema`: writes schema/changes.graphql, this subgraph's SDL with its directives, for composition.
import { runSchemaWriter } from "@twingraph/kit/subgraph";
import { subgraph } from "./index";

runSchemaWriter(subgraph);
