#!/usr/bin/env bash
# CI for the panel: install web/'s locked dependencies, generate the typed client from
# schema.graphql, type-check, build into a temporary directory and compare it with the bundle
# the package ships (src/panel/static). A schema change that breaks the panel, or a source
# change whose bundle was not rebuilt and committed, fails here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shipped="$root/src/panel/static"
built="$(mktemp -d)"
trap 'rm -rf "$built"' EXIT

cd "$root/web"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent codegen -- --errors-only
if git -C "$root" ls-files --error-unmatch web/src/gql >/dev/null 2>&1 \
   && ! git -C "$root" diff --quiet -- web/src/gql; then
  echo "web/check.sh: web/src/gql differs from what codegen generates from schema.graphql:" >&2
  git -C "$root" diff --stat -- web/src/gql >&2
  echo "Run 'npm --prefix web run codegen' and commit web/src/gql." >&2
  exit 1
fi
npm run --silent typecheck
node_modules/.bin/vite build --logLevel warn --outDir "$built" --emptyOutDir

if ! diff -r "$built" "$shipped" >"$built.diff" 2>&1; then
  echo "web/check.sh: the shipped bundle src/panel/static differs from a build of web/:" >&2
  sed -e "s#$built#<fresh build>#g" -e "s#$root/##g" "$built.diff" | head -40 >&2
  rm -f "$built.diff"
  echo "Rebuild it with 'npm --prefix web run build' and commit src/panel/static." >&2
  exit 1
fi
rm -f "$built.diff"
echo "web: codegen, tsc --noEmit and vite build passed; src/panel/static matches the sources" \
  "($(find "$shipped" -type f | wc -l) files, $(du -sh --apparent-size "$shipped" | cut -f1))"
