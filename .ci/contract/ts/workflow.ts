// Drives a running Carnet with the TypeScript client generated from
// openapi.yaml (openapi-typescript types, carnet.gen.ts, written by
// .ci/contract/run.sh and never committed; openapi-fetch calls): what an
// integrator writing TypeScript would do. It is compiled with tsc --strict,
// so a type the document gets wrong fails the build, and a value the server
// answers otherwise fails the run.
//
//   node out/workflow.js <base URL> <admin e-mail> <run word>   (password in CARNET_CONTRACT_PASSWORD)
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./carnet.gen.js";

type Schemas = components["schemas"];

const [base = "http://127.0.0.1:8080", email = "", run = "ts"] = process.argv.slice(2);
const password = process.env.CARNET_CONTRACT_PASSWORD ?? "";

function step(name: string, what: string): void {
  console.log(`ts client: ${name.padEnd(28)} ${what}`);
}

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`.slice(0, 600));
}

function bearer(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}

async function workflow(): Promise<void> {
  const anonymous = createClient<paths>({ baseUrl: base });

  // 1. Log in.
  const login = await anonymous.POST("/api/v1/auth/login", { body: { email, password } });
  if (!login.data) fail("log in", login.error);
  const admin = createClient<paths>({ baseUrl: base });
  admin.use(bearer(login.data.access_token));
  step("log in", `token for ${login.data.expires_in} s`);

  // 2. A partner client, and its token by the OAuth2 client credentials flow
  // (form encoding and HTTP Basic authentication, as OAuth2 libraries do).
  const source = `contract-${run}`;
  const created = await admin.POST("/api/v1/clients", {
    params: { header: { "Idempotency-Key": `${run}-client` } },
    body: { name: `Contrat ${run}`, sources: [source], scopes: ["directory:write"] },
  });
  if (!created.data) fail("create a partner client", created.error);
  const basic = Buffer.from(`${created.data.id}:${created.data.client_secret}`).toString("base64");
  const token = await anonymous.POST("/api/v1/auth/token", {
    body: { grant_type: "client_credentials" },
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${basic}` },
    bodySerializer: (b) => new URLSearchParams(b as Record<string, string>).toString(),
  });
  if (!token.data) fail("client credentials", token.error);
  const partner = createClient<paths>({ baseUrl: base });
  partner.use(bearer(token.data.access_token));
  step("client credentials", `partner token, type ${token.data.token_type}`);

  // 3. Create actors (as the partner, in its source) and a service.
  const word = `contrat${run}`;
  const actors = 5;
  let first: Schemas["ActorRecord"] | undefined;
  for (let i = 0; i < actors; i++) {
    const body: Schemas["ActorInput"] = {
      name: `Médiathèque ${word} ${i}`,
      typologies: ["BIB"],
      address: { street: "58 cours Belsunce", postal_code: "13001", commune: "Marseille" },
      phones: ["04 91 55 90 00"],
      source,
      source_id: `lieu-${i}`,
    };
    const a = await partner.POST("/api/v1/actors", { params: { header: { "Idempotency-Key": `${run}-actor-${i}` } }, body });
    if (!a.data) fail("create an actor", a.error);
    first ??= a.data;
  }
  if (!first) fail("create actors", "none");
  step("create actors", `${actors} in source ${source}`);
  const svc = await partner.POST("/api/v1/services", {
    params: { header: {} },
    body: {
      actor_id: first.id,
      name: `Aide aux démarches ${word}`,
      kind: "procedures_done_with",
      themes: ["aide-aux-demarches-administratives"],
      fees: ["gratuit"],
      source,
      source_id: "offre-0",
    },
  });
  if (!svc.data) fail("create a service", svc.error);
  step("create a service", `${svc.data.name} (themes ${svc.data.themes.join(", ")})`);

  // 4. A merge patch with only the fields that change, guarded by the ETag;
  // null clears a field. Publishing a service can change its place's
  // quality score, a new version of the place: read it again first.
  const current = await partner.GET("/api/v1/actors/{id}", { params: { path: { id: first.id } } });
  if (!current.data) fail("read the actor again", current.error);
  const read = current.data;
  const summary = "Ordinateurs en libre accès et aide aux démarches.";
  const patched = await partner.PATCH("/api/v1/actors/{id}", {
    params: { path: { id: first.id }, header: { "If-Match": `"${read.version}"` } },
    body: { summary, opening_hours: "Tu-Sa 10:00-18:00" },
    headers: { "Content-Type": "application/merge-patch+json" },
  });
  if (!patched.data) fail("patch an actor", patched.error);
  if (patched.data.summary !== summary || patched.data.name !== first.name || patched.data.version !== read.version + 1) {
    fail("patch", patched.data);
  }
  const cleared = await partner.PATCH("/api/v1/actors/{id}", {
    params: { path: { id: first.id }, header: {} },
    body: { opening_hours: null },
    headers: { "Content-Type": "application/merge-patch+json" },
  });
  if (!cleared.data) fail("clear a field with null", cleared.error);
  if (cleared.data.opening_hours !== "" || cleared.data.summary !== summary) fail("null cleared more or less than opening_hours", cleared.data);
  step("merge patch", `version ${cleared.data.version}, opening_hours cleared`);

  // A refused write comes back as a typed problem document.
  const bad = await admin.POST("/api/v1/actors", {
    params: { header: {} },
    body: { name: "Sans adresse", address: { street: "1 rue", postal_code: "1300", commune: "Marseille" } },
  });
  const problem: Schemas["Problem"] | undefined = bad.error;
  const firstError = problem?.errors?.[0];
  if (bad.response.status !== 422 || !firstError) fail("an invalid actor", bad.error ?? bad.data);
  step("problem document", `${problem?.status} ${problem?.title}: ${firstError.field} ${firstError.reason}`);

  // 5. Search, anonymously: a write is visible at once.
  const found = await anonymous.GET("/api/v1/search/services", {
    params: { query: { q: word, themes: ["aide-aux-demarches-administratives"] } },
  });
  if (!found.data) fail("search", found.error);
  if (found.data.meta.total !== 1 || found.data.data[0]?.id !== svc.data.id) fail("search", found.data.meta);
  step("search", `q=${word}: ${found.data.meta.total} result`);

  // 6. Page through a list to its end with the cursor.
  const seen = new Set<string>();
  let pages = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await anonymous.GET("/api/v1/actors", { params: { query: { source: [source], limit: 2, sort: "name", cursor } } });
    if (!page.data) fail("list actors", page.error);
    pages++;
    for (const a of page.data.data) {
      if (seen.has(a.id)) fail("paging", `page ${pages} repeats ${a.id}`);
      seen.add(a.id);
    }
    if (!page.data.meta.has_more) {
      if (page.data.meta.next_cursor !== null || page.data.links.next !== null) fail("paging", "the last page links to another");
      break;
    }
    cursor = page.data.meta.next_cursor ?? fail("paging", "has_more without next_cursor");
  }
  if (seen.size !== actors || pages !== 3) fail("paging", `${seen.size} actors in ${pages} pages`);
  step("page a list", `${seen.size} actors in ${pages} pages of 2`);

  // Follow the change feed to its end, in the same envelope.
  let changes = 0;
  let feedCursor: string | undefined;
  for (;;) {
    const page = await anonymous.GET("/api/v1/changes", { params: { query: { limit: 50, cursor: feedCursor } } });
    if (!page.data) fail("follow the changes", page.error);
    changes += page.data.data.length;
    feedCursor = page.data.meta.next_cursor;
    if (!page.data.meta.has_more) break;
  }
  step("follow the changes", `${changes} changes, then cursor ${feedCursor}`);

  // 7. Download exports: CSV as text, GeoJSON as its typed collection.
  const csv = await anonymous.GET("/api/v1/exports/{format}", { params: { path: { format: "standard-csv" } }, parseAs: "text" });
  if (csv.data === undefined) fail("CSV export", csv.error);
  const rows = csv.data.trim().split("\n");
  if (!csv.response.headers.get("Content-Type")?.startsWith("text/csv") || !rows[0]?.startsWith("id,") || rows.length < actors + 1) {
    fail("CSV export", rows.slice(0, 2));
  }
  const geo = await anonymous.GET("/api/v1/exports/{format}", { params: { path: { format: "geojson" } }, parseAs: "text" });
  if (geo.data === undefined) fail("GeoJSON export", geo.error);
  const collection = JSON.parse(geo.data) as Schemas["ExportFeatureCollection"];
  if (geo.response.headers.get("Content-Type") !== "application/geo+json" || collection.type !== "FeatureCollection" || collection.features.length < actors) {
    fail("GeoJSON export", collection.type);
  }
  step("download exports", `standard-csv ${rows.length - 1} rows, geojson ${collection.features.length} features`);
}

const started = Date.now();
workflow().then(
  () => console.log(`ts client: workflow passed in ${Date.now() - started}ms`),
  (err: unknown) => {
    console.error("ts client: FAIL:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
