// Key-only stub of the cities subgraph's City: this subgraph adds partnerships, partners and
// agreements to it and never copies the owner's fields. Each subgraph declares its own stub class:
// type-graphql attaches field resolvers to the class, so one shared class would carry every
// subgraph's fields into every schema built in the same process.
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
