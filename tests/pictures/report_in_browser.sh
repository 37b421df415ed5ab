#!/usr/bin/env bash
# A run's HTML report opened as a user opens it, from the file system in a browser with no
# network: `neuronlab run --report` on the XOR example, then browser_check.py renders it in
# headless Chromium and requires a screenshot that is not blank and no request for anything
# but the page itself. Exits 77 (CTest's skip code), saying why, when Chromium or Python is
# missing: a skipped check must never look like a passed one.
#   report_in_browser.sh NEURONLAB SOURCE_DIR
set -euo pipefail
host=$1
source_dir=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "SKIPPED: chromium is not installed (apt-get install chromium)"
  exit 77
fi
if [ ! -x /usr/bin/python3 ]; then
  echo "SKIPPED: /usr/bin/python3 is not installed (apt-get install python3)"
  exit 77
fi

workdir=$(cd "$(mktemp -d)" && pwd -P)
trap 'rm -rf "$workdir"' EXIT
"$host" run "$source_dir/examples/xor.yaml" --quiet --report "$workdir/index.html" >"$workdir/run.txt"
grep -q "wrote the report to $workdir/index.html" "$workdir/run.txt" || {
  echo "FAILED: 'neuronlab run --report' did not say it wrote the report:"
  cat "$workdir/run.txt"
  exit 1
}
/usr/bin/python3 "$here/browser_check.py" "$workdir/index.html"
