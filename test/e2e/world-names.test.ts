// Names as people write them (see name-forms.ts) among the world file's places, where many more
// names compete: the source cities' forms and the world file's, each found FIRST through the whole
// federation. Runs on a copy of the world project's snapshot (see test/src/world-snapshot.ts), made
// where ../shared/data/world-twinnings.csv is present. Exonyms (Celovec, Beograd) come from the
// GeoNames gazetteer; their rows skip, saying so, where the graph carries no gazetteer data.
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import type { Federation } from "../src/harness";
import { openWorldSnapshot, worldSkipReason } from "../src/world-snapshot";
import {
  expectFirst,
  GAZETTEER_ABSENT,
  hasGazetteer,
  SOURCE_FORMS,
  SOURCE_GAZETTEER_FORMS,
  WORLD_FORMS,
  WORLD_GAZETTEER_FORMS,
} from "./name-forms";

const snapshot = inject("worldSnapshot");
const worldTitle = snapshot
  ? "names as people write them, among the world file's places"
  : `names among the world file's places skipped: ${worldSkipReason(snapshot)}`;

describe.skipIf(!snapshot)(worldTitle, () => {
  let federation: Federation;
  let gazetteer: boolean;
  beforeAll(async () => {
    federation = await openWorldSnapshot(snapshot as string);
    gazetteer = await hasGazetteer(federation);
  });
  afterAll(() => federation?.close());

  it.each([...SOURCE_FORMS, ...WORLD_FORMS])("%s -> %s", async (form, cityId) => {
    await expectFirst(federation, form, cityId);
  });

  it.for([...SOURCE_GAZETTEER_FORMS, ...WORLD_GAZETTEER_FORMS])(
    "%s -> %s (gazetteer)",
    async ([form, cityId], { skip }) => {
      if (!gazetteer) skip(GAZETTEER_ABSENT);
      await expectFirst(federation, form, cityId);
    },
  );
});
