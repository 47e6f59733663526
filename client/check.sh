#!/usr/bin/env bash
# Generates the typed client from the committed schema.graphql and client/operations, then
# type-checks the panel's consumer of it: a schema change that breaks the frontend fails here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

cd "$root/client"
npm ci --no-audit --no-fund --loglevel=error
rm -rf generated

# codegen.yml's paths are relative to the repository root, and the CLI looks up its preset
# from the working directory, so run it there with client/node_modules on the resolve path.
cd "$root"
NODE_PATH="$root/client/node_modules" client/node_modules/.bin/graphql-codegen \
  --config codegen.yml

cd "$root/client"
node_modules/.bin/tsc --noEmit -p .
echo "client: generated $(du -sh --apparent-size generated | cut -f1) in client/generated/, tsc --noEmit passed"
