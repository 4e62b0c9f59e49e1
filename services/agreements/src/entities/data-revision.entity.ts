// A counter that every write to partnerships moves on: readers that cache what they computed from
// partnerships (the network) compare it to know their copy is stale, whichever process wrote.
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("data_revision")
export class DataRevision {
  @PrimaryColumn("text")
  name!: string;

  @Column("integer")
  value!: number;
}
