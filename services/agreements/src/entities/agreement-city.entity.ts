// Which cities an agreement binds: its parties' cities and its partnership's members. An index
// for "agreements of a city" and "agreements covering a partnership", written with the agreement.
import { Entity, Index, PrimaryColumn } from "typeorm";

@Entity("agreement_city")
export class AgreementCity {
  @PrimaryColumn("text")
  agreementId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;
}
