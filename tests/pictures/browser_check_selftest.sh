#!/usr/bin/env bash
# Proves that browser_check.py can fail, and fails for the right reason: a checker that
# passes every page would pass every report too. It writes small pages with one known fault
# each and requires the exit status and the message that names the fault:
#   good     inline SVG shapes and text        -> 0
#   blank    an empty white page               -> 1, "the screenshot is blank"
#   image    <img> from http://127.0.0.1:9     -> 1, names that URL
#   font     a stylesheet from a font CDN      -> 1, names that URL
#   file     <img> of a file beside the page   -> 1, names that file (the NetLog never
#            sees file:// loads; the DevTools witness must)
#   worker   a fetch from a worker             -> 1, names that URL (the page's DevTools
#            session never sees it; the NetLog witness must)
#   no-chromium  the checker without chromium on PATH -> 77, the skip message
# Exits 77, CTest's skip code, when chromium is not installed.
set -euo pipefail

checker="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/browser_check.py"
command -v python3 >/dev/null || {
  echo "SKIPPED: python3 is not installed (apt-get install python3)"
  exit 77
}
# The interpreter itself, not a wrapper script that needs PATH (the skip check empties it).
python=$(python3 -c 'import sys; print(sys.executable)')
skip_message="SKIPPED: chromium is not installed (apt-get install chromium)"

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "$skip_message"
  exit 77
fi

# Without symbolic links, as the checker spells the file:// URLs it reports.
workdir=$(cd "$(mktemp -d)" && pwd -P)
trap 'rm -rf "$workdir"' EXIT

# write_page NAME [HTML]: a page with enough drawn on it (a 400x300 rectangle alone is over
# 6% of the screenshot) that only the fault it is given can make it fail; HTML follows the
# drawing.
write_page() {
  local name=$1 extra=${2:-}
  cat >"$workdir/$name.html" <<EOF
<!doctype html>
<html><head><meta charset="utf-8"><title>$name</title></head>
<body>
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500">
  <rect x="20" y="20" width="400" height="300" fill="#3366cc"/>
  <circle cx="600" cy="200" r="120" fill="#cc6633"/>
  <text x="20" y="420" font-size="48" fill="#222222">loss 0.042</text>
</svg>
$extra
</body></html>
EOF
}

checks=0
failures=0

# expect PAGE STATUS [TEXT...]: the checker on PAGE exits with STATUS and prints every TEXT.
expect() {
  local page=$1 want_status=$2 output status=0
  shift 2
  output=$("$python" "$checker" "$workdir/$page.html" 2>&1) || status=$?
  report "$page" "$want_status" "$status" "$output" "$@"
}

# report PAGE WANT_STATUS STATUS OUTPUT [TEXT...]: one line saying whether the run was right.
report() {
  local page=$1 want_status=$2 status=$3 output=$4 text
  shift 4
  checks=$((checks + 1))
  if [ "$status" != "$want_status" ]; then
    fail "$page: exit status $status, expected $want_status" "$output"
    return
  fi
  for text in "$@"; do
    if [[ "$output" != *"$text"* ]]; then
      fail "$page: the message does not say \"$text\"" "$output"
      return
    fi
  done
  echo "ok   $page: exit status $status"
}

# fail WHAT OUTPUT: count one wrong run and show what the checker said.
fail() {
  echo "FAIL $1; the checker said:"
  local line
  while IFS= read -r line; do
    echo "    $line"
  done <<<"$2"
  failures=$((failures + 1))
}

write_page good
expect good 0 "ok: 1200x1600 screenshot" "no network request"

cat >"$workdir/blank.html" <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>
EOF
expect blank 1 "the screenshot is blank: every pixel is #ffffff"

write_page image '<img src="http://127.0.0.1:9/x.png" alt="">'
expect image 1 "the page made a network request: http://127.0.0.1:9/x.png"

write_page font '<link rel="stylesheet" href="https://fonts.example.com/x.css">'
expect font 1 "the page made a network request: https://fonts.example.com/x.css"

printf 'not really a picture' >"$workdir/beside.png"
write_page file '<img src="beside.png" alt="">'
expect file 1 "the page loaded another file: file://$workdir/beside.png"

write_page worker "<script>
new Worker(URL.createObjectURL(new Blob([\"fetch('http://127.0.0.1:9/from-worker')\"])));
</script>"
expect worker 1 "the page made a network request: http://127.0.0.1:9/from-worker"

# Neither a clean page nor a faulty one may pass when the browser is missing: the checker
# must say it skipped.
status=0
output=$(PATH=/nonexistent "$python" "$checker" "$workdir/good.html" 2>&1) || status=$?
report no-chromium 77 "$status" "$output" "$skip_message"

if [ "$failures" -ne 0 ]; then
  echo "$failures of $checks checks of the checker failed"
  exit 1
fi
echo "all $checks checks of the checker passed"
