// Network measures too slow to compute per request (betweenness of the whole network takes minutes),
// kept with the data revision they were computed for, so a restart does not compute them again.
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("network_metric")
export class NetworkMetric {
  /** the measure and the network filter it was computed on */
  @PrimaryColumn("text")
  key!: string;

  @Column("integer")
  revision!: number;

  /** city id -> score, as JSON */
  @Column("text")
  scores!: string;
}
