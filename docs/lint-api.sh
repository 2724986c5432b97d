#!/usr/bin/env bash
# Lints the gateway's merged OpenAPI document with Spectral and its OWASP API security ruleset (docs/spectral.yaml).
# Errors fail (exit 1), warnings are listed. Needs Node.js 18+ (npm); without it the lint is skipped with a message.
#
#   docs/lint-api.sh                      # the running local stack's document (./shop start)
#   docs/lint-api.sh path/to/openapi.json # a saved document
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v npm >/dev/null 2>&1; then
    echo "lint-api: skipped: npm (Node.js 18+) is not installed; install it to lint the API document" >&2
    exit 0
fi

work="${TMPDIR:-/tmp}/shop-spectral"
mkdir -p "$work"
if [[ ! -x "$work/node_modules/.bin/spectral" ]]; then
    echo "lint-api: installing @stoplight/spectral-cli@6 and @stoplight/spectral-owasp-ruleset@2 into $work" >&2
    npm install --prefix "$work" --no-audit --no-fund --silent \
        @stoplight/spectral-cli@6 @stoplight/spectral-owasp-ruleset@2 >&2
fi
# the ruleset names the OWASP ruleset as a package: it must sit next to the packages to resolve it
cp docs/spectral.yaml "$work/.spectral.yaml"

document="${1:-}"
if [[ -z "$document" ]]; then
    document="$work/openapi.json"
    url="http://localhost:9080/q/openapi?format=json"
    if ! curl -fsS "$url" -o "$document"; then
        echo "lint-api: cannot read $url; is the stack running (./shop status)?" >&2
        exit 2
    fi
fi
document="$(cd "$(dirname "$document")" && pwd)/$(basename "$document")"

cd "$work"
exec ./node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error "$document"
