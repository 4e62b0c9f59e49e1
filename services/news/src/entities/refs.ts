// Key-only stubs of entities other subgraphs own. Partnership carries its cities as an external
// field so that `visits` and `news` can @require them from the agreements subgraph.
import { Directive, Field, ID, ObjectType } from "type-graphql";

@Directive('@key(fields: "id")')
@ObjectType("City")
export class CityRef {
  @Field(() => ID)
  id!: string;
}

export function cityRef(id: string): CityRef {
  return { id };
}

@Directive('@key(fields: "id")')
@ObjectType("Partnership")
export class PartnershipRef {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field(() => [CityRef])
  cities!: CityRef[];
}

/** A partnership by its key alone: the agreements subgraph resolves the rest. */
export function partnershipRef(id: string): PartnershipRef {
  return Object.assign(new PartnershipRef(), { id });
}

@Directive('@key(fields: "id")')
@ObjectType("Project")
export class ProjectRef {
  @Field(() => ID)
  id!: string;
}

export function projectRef(id: string): ProjectRef {
  return { id };
}

@Directive('@key(fields: "id")')
@ObjectType("Agreement")
export class AgreementRef {
  @Field(() => ID)
  id!: string;
}

export function agreementRef(id: string): AgreementRef {
  return { id };
}
