// Key-only stub of the cities subgraph's City: this subgraph adds partnerships, partners and
// agreements to it and never copies the owner's fields.
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
