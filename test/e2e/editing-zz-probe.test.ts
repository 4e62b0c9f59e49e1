import { it } from "vitest";
import { EditingClient, testAccounts } from "../src/editing/client";
import { stage } from "../src/editing/mutation-calls";
import { httpFederation } from "../src/harness";
import { testAuth } from "../src/tokens";

it("probe", async () => {
  const f = await httpFederation({ gateway: { auth: testAuth() } });
  const client = new EditingClient(f.post);
  const a = await testAccounts();
  const Q = `{ network { partnershipCount edgeCount distances { measured unmeasured } } city(id: "si-velenje") { partnerships { id cities { id } } } }`;
  console.log(JSON.stringify(await client.ask(null, Q)));
  const id = await client.open(a.editor, "new");
  await stage(client, a.editor, id, "createPartnership");
  console.log(JSON.stringify(await client.apply(a.editor, id)));
  console.log(JSON.stringify(await client.ask(null, Q)));
  await f.close();
}, 300000);
