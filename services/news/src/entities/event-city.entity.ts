// The places that take part in an event, in the source's order; the index behind events(cityId).
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { Event } from "./event.entity";

@Entity("event_city")
export class EventCity {
  @PrimaryColumn("text")
  eventId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;

  @Column("integer")
  position!: number;

  @ManyToOne("Event", (event: Event) => event.cityLinks, { onDelete: "CASCADE" })
  event!: Relation<Event>;
}
