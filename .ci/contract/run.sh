#!/usr/bin/env bash
# The contract as integrators meet it (issue 14), run by .ci/run:
#   1. lint openapi.yaml with Redocly CLI's recommended rules and Spectral's
#      spectral:oas ruleset (versions pinned in package-lock.json): any error
#      or warning fails, except the ones .redocly.lint-ignore.yaml justifies;
#   2. generate a TypeScript client (openapi-typescript types, openapi-fetch)
#      and a Go client (oapi-codegen v2, pinned in go/go.mod) from it, check
#      them (tsc --strict, go vet), and drive the same workflow with each
#      against a real server on a fresh database: log in, get a partner
#      token by client credentials, create actors and a service, merge-patch
#      one field, search, page a list to its end, follow the change feed,
#      download the CSV and GeoJSON exports.
# Needs Node.js 20.19+ with npm (packages from the npm registry) and Go.
#   .ci/contract/run.sh          everything
#   .ci/contract/run.sh lint     the linters only
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 npm_config_fund=false npm_config_audit=false

for tool in node npm go; do
  command -v "$tool" >/dev/null || { echo "contract: $tool is missing (needs Node.js 20.19+ with npm, and Go)" >&2; exit 1; }
done

# npm ci only when the lock changed since the last install.
if ! cmp -s package-lock.json node_modules/.carnet-lock 2>/dev/null; then
  npm ci --loglevel=error
  cp package-lock.json node_modules/.carnet-lock
fi

echo "--- contract: Redocly $(npx redocly --version) (recommended)"
npx redocly lint --config redocly.yaml "$root/openapi.yaml"
echo "--- contract: Spectral $(npx spectral --version) (spectral:oas)"
npx spectral lint --ruleset spectral.yaml --fail-severity warn "$root/openapi.yaml"
[ "${1:-}" = lint ] && exit 0

echo "--- contract: generated clients"
tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The TypeScript client: types generated, then the workflow compiled strict.
npx openapi-typescript "$root/openapi.yaml" -o ts/carnet.gen.ts --redocly redocly.yaml --silent
rm -rf ts/out
npx tsc --strict -p ts
# The Go client, in its own module so that the server's go.mod stays free
# of it.
(cd go && go tool oapi-codegen -config oapi-codegen.yaml "$root/openapi.yaml" && go vet ./... && go build -o "$tmp/go-workflow" .)

# A server on a free port and a fresh database, with an administrator.
(cd "$root" && go build -o "$tmp/carnet" .)
password="contract-$(date +%s)-$RANDOM-workflow"
CARNET_ADDR=127.0.0.1:0 CARNET_DB="$tmp/carnet.db" CARNET_LOG_LEVEL=info \
  CARNET_BOOTSTRAP_ADMIN_EMAIL=contract@example.fr CARNET_BOOTSTRAP_ADMIN_PASSWORD="$password" \
  "$tmp/carnet" >"$tmp/server.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 100); do
  addr=$(sed -n 's/.*"msg":"listening".*"addr":"\([^"]*\)".*/\1/p' "$tmp/server.log" | head -1)
  if [ -n "$addr" ] && curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then base="http://$addr"; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$base" ]; then
  echo "the server did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

export CARNET_CONTRACT_PASSWORD="$password"
node ts/out/workflow.js "$base" contract@example.fr ts
"$tmp/go-workflow" -base "$base" -email contract@example.fr -run go
