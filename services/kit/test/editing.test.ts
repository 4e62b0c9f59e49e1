// The kit's editing core on in-memory SQLite.
import { describeEditingCore } from "./editing-core";
import { openParks } from "./editing-fixture";

describeEditingCore("editing on SQLite", () => openParks());
