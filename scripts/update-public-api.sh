#!/usr/bin/env bash
# Records every change of Workiom.Client's public surface in src/Workiom.Client/PublicAPI.Unshipped.txt,
# so it shows up in review (docs/public-api.md). Run from anywhere: bash scripts/update-public-api.sh
#  - an API that is gone or changed (RS0017): a line of PublicAPI.Shipped.txt gets a "*REMOVED*" copy in
#    Unshipped.txt; a line of Unshipped.txt (never shipped) is deleted;
#  - an API that is new (RS0016) and missing nullable annotations (RS0036, RS0037): added by the analyzers'
#    own code fix, through 'dotnet format analyzers'.
# Then it builds once more; its exit code is the build's.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/Workiom.Client/Workiom.Client.csproj
unshipped=src/Workiom.Client/PublicAPI.Unshipped.txt

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Both target frameworks report the same lines; each is handled once.
dotnet build "$project" -nologo -v q >"$log" 2>&1 || true
# No RS0017 at all is the usual case: grep then finds nothing, which must not end the script.
{ grep -oE 'PublicAPI\.(Shipped|Unshipped)\.txt\([0-9]+,[0-9]+\): (error|warning) RS0017' "$log" || true; } \
  | sed -E 's/^PublicAPI\.(Shipped|Unshipped)\.txt\(([0-9]+),.*/\1 \2/' | sort -u -k1,1 -k2,2nr \
  | while read -r file line; do
      if [ "$file" = Shipped ]; then
        printf '*REMOVED*%s\n' "$(sed -n "${line}p" src/Workiom.Client/PublicAPI.Shipped.txt)" >>"$unshipped"
      else
        sed -i "${line}d" "$unshipped"   # highest line first, so the numbers still hold
      fi
    done

dotnet format analyzers "$project" --diagnostics RS0016 RS0036 RS0037 --severity warn

dotnet build "$project" -nologo -v q
git --no-pager diff --stat -- src/Workiom.Client/PublicAPI.Shipped.txt "$unshipped"
