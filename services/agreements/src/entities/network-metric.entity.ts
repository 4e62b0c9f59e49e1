// The whole network's measures too slow to compute per request (its betweenness takes minutes),
// kept with the data revision they were computed for, so a restart does not compute them again.
// Written only by the subgraph's background computation (network/warm.ts), never by a read.
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("network_metric")
export class NetworkMetric {
  /** the measure and the whole network's scope, as earlier releases keyed it */
  @PrimaryColumn("text")
  key!: string;

  @Column("integer")
  revision!: number;

  /** city id -> score, as JSON */
  @Column("text")
  scores!: string;
}
