// A TypeORM logger that counts SQL statements, so tests can prove that batching keeps the number of
// statements per request bounded.
import type { Logger } from "typeorm";

export class StatementCounter implements Logger {
  count = 0;
  readonly statements: string[] = [];

  logQuery(query: string): void {
    if (/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)/i.test(query)) return;
    this.count += 1;
    this.statements.push(query);
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
