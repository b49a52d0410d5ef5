#!/usr/bin/env bash
# Records every change of the packaged libraries' public surface in their PublicAPI.Unshipped.txt, so it shows
# up in review (docs/public-api.md). Run from anywhere: bash scripts/update-public-api.sh [project folder...]
# (default: every project under src/ with a PublicAPI.Shipped.txt: Workiom.Client, Workiom.Emulator,
# Workiom.Emulator.Xunit). For each project:
#  - an API that is gone or changed (RS0017): a line of PublicAPI.Shipped.txt gets a "*REMOVED*" copy in
#    Unshipped.txt; a line of Unshipped.txt (never shipped) is deleted;
#  - an API that is new (RS0016) and missing nullable annotations (RS0036, RS0037): added by the analyzers'
#    own code fix, through 'dotnet format analyzers'.
# Then it builds once more; its exit code is the last failing build's.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  folders=("$@")
else
  folders=()
  for shipped in src/*/PublicAPI.Shipped.txt; do
    folders+=("$(dirname "$shipped")")
  done
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for folder in "${folders[@]}"; do
  folder=${folder%/}
  project=$(ls "$folder"/*.csproj)
  shipped=$folder/PublicAPI.Shipped.txt
  unshipped=$folder/PublicAPI.Unshipped.txt
  echo "== $project"

  # Every target framework reports the same lines; each is handled once. Only this project's own files count:
  # a project it references reports its lines under its own folder.
  dotnet build "$project" -nologo -v q >"$log" 2>&1 || true
  # No RS0017 at all is the usual case: grep then finds nothing, which must not end the script.
  { grep -oE "$folder/PublicAPI\.(Shipped|Unshipped)\.txt\([0-9]+,[0-9]+\): (error|warning) RS0017" "$log" || true; } \
    | sed -E 's/^.*PublicAPI\.(Shipped|Unshipped)\.txt\(([0-9]+),.*/\1 \2/' | sort -u -k1,1 -k2,2nr \
    | while read -r file line; do
        if [ "$file" = Shipped ]; then
          printf '*REMOVED*%s\n' "$(sed -n "${line}p" "$shipped")" >>"$unshipped"
        else
          sed -i "${line}d" "$unshipped"   # highest line first, so the numbers still hold
        fi
      done

  dotnet format analyzers "$project" --diagnostics RS0016 RS0036 RS0037 --severity warn

  dotnet build "$project" -nologo -v q || status=$?
  git --no-pager diff --stat -- "$shipped" "$unshipped"
done
exit "$status"
