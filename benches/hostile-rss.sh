#!/usr/bin/env bash
# Peak memory (maximum resident set size) and wall time of idpfit on the worst inputs of the
# hostile-input suite, measured with GNU time. Not a test: numbers for the README and for
# spotting a regression by eye.
#
#   benches/hostile-rss.sh            builds the release binary, then measures
#
# Needs GNU time (`apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked --quiet
bin="$PWD/target/release/idpfit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, os
d = sys.argv[1]
port = open("examples/port.toml").read()
mib = 1024 * 1024
def w(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(d, name), mode) as f:
        f.write(data)
w("just-under-limit.toml", port + "#" * (mib - len(port)))
w("over-limit.toml", port + "#" * (mib + 1 - len(port)))
depth = 50000
w("nested-arrays.toml", 'questionnaire = "idp-portal/1"\na = ' + "[" * depth + "]" * depth + "\n")
w("nested-inline-tables.toml", 'questionnaire = "idp-portal/1"\na = ' + "{b = " * depth + "1" + "}" * depth + "\n")
w("dotted-header.toml", 'questionnaire = "idp-portal/1"\n[' + ".".join(["a"] * depth) + "]\n")
keys = "".join(f"key_{i} = {i}\n" for i in range(10000))
w("ten-thousand-keys.toml", 'questionnaire = "idp-portal/1"\n[capacity]\n' + keys)
many = "".join(f"k{i} = 1\n" for i in range(90000))
w("ninety-thousand-keys.toml", 'questionnaire = "idp-portal/1"\n[capacity]\n' + many)
w("long-choice.toml", port.replace('"named_part_time"', '"' + "x" * 1000000 + '"'))
w("long-line.toml", 'questionnaire = "idp-portal/1"\n' + "x" * 1000000 + " garbage\n")
w("nul.toml", b"questionnaire = \"idp-portal/1\"\n\0\n")
PY

printf '%-28s %-10s %6s %9s %10s\n' case command exit "rss(KiB)" "seconds"
for file in "$work"/*.toml; do
    name="$(basename "$file" .toml)"
    for command in validate score; do
        set +e
        /usr/bin/time -f '%M %e' -o "$work/time" "$bin" "$command" "$file" >/dev/null 2>"$work/err"
        code=$?
        set -e
        read -r rss seconds < <(tail -n 1 "$work/time")
        printf '%-28s %-10s %6s %9s %10s\n' "$name" "$command" "$code" "$rss" "$seconds"
    done
done
set +e
/usr/bin/time -f '%M %e' -o "$work/time" "$bin" validate - </dev/zero >/dev/null 2>&1
code=$?
set -e
read -r rss seconds < <(tail -n 1 "$work/time")
printf '%-28s %-10s %6s %9s %10s\n' "stdin-from-dev-zero" validate "$code" "$rss" "$seconds"
