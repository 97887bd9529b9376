#!/usr/bin/env bash
# Benchmark: `idpfit scan` over a generated organisation of 200 repositories holding 100,000
# files (500 each, with git history), compared with `find DIR -type f` over the same tree in
# the same run.
#
#   bash benches/scan.sh [REPOSITORIES] [FILES_PER_REPOSITORY]
#
# Each repository has source files in nested folders, Kubernetes manifests, a catalog file and a
# CI pipeline (GitLab CI, GitHub Actions or Jenkins, in turn); every fourth has Terraform, every
# second a package.json; the first is a Backstage app with ten local plugins. Each has five
# dated commits, packed as `git gc` leaves a real clone, so the scan reads history for every
# catalog file and for the app.
#
# Reported: the fastest of 5 warm runs of each command (the most repeatable figure on a shared
# machine), the ratio scan / find, and the scan's peak memory when GNU time is installed.
# Target: the scan within 3x of `find DIR -type f`. `find` also lists the files under .git,
# which the scan never walks; the ratio against `find` without .git is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
repositories="${1:-200}"
per_repository="${2:-500}"

cargo build --release --locked --quiet
bin="$PWD/target/release/idpfit"
# IDPFIT_BENCH_TREE=DIR keeps the generated tree in DIR and reuses it on the next run.
if [ -n "${IDPFIT_BENCH_TREE:-}" ]; then
  work="$IDPFIT_BENCH_TREE"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

if [ ! -d "$work/org" ]; then
echo "generating $repositories repositories of $per_repository files in $work ..."
python3 - "$work/org" "$repositories" "$per_repository" <<'PY'
import os, subprocess, sys
root, count, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
           GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

def git(repo, *args, date=None):
    e = dict(env)
    if date:
        e["GIT_AUTHOR_DATE"] = e["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=e, check=True,
                   stdout=subprocess.DEVNULL)

pipelines = [
    (".gitlab-ci.yml", "build:\n  script: [make]\ndeploy-prod:\n  when: manual\n  environment: production\n  script:\n    - helm upgrade app ./chart\n"),
    (".github/workflows/deploy.yml", "on: push\njobs:\n  deploy-production:\n    steps:\n      - run: kubectl apply -f deploy/\n"),
    ("Jenkinsfile", "pipeline { stages { stage('Deploy to production') { steps { sh 'kubectl apply -f deploy/' } } } }\n"),
]
for r in range(count):
    repo = os.path.join(root, f"service-{r:03d}")
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    files = []
    def add(rel, text):
        files.append(rel)
        write(os.path.join(repo, rel), text)
    add("README.md", f"# service {r}\n")
    add("catalog-info.yaml", f"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: service-{r}\nspec:\n  owner: team-{r % 17}\n")
    name, text = pipelines[r % 3]
    add(name, text)
    for k in range(10):
        add(f"deploy/manifest-{k}.yaml", f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: s{r}-{k}\n")
    if r % 4 == 0:
        add("infra/main.tf", 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n')
        add("infra/variables.tf", 'variable "region" {}\n')
    if r % 2 == 0:
        add("package.json", f'{{"name": "service-{r}", "dependencies": {{"express": "^4"}}}}\n')
    if r == 0:
        add("backstage.json", '{"version": "1.30.0"}\n')
        add("packages/app/package.json", '{"backstage": {"role": "frontend"}, "dependencies": {"@backstage/app-defaults": "^1"}}\n')
        add("packages/backend/package.json", '{"backstage": {"role": "backend"}, "dependencies": {"@backstage/backend-defaults": "^0.4"}}\n')
        for p in range(10):
            add(f"plugins/p{p}/package.json", f'{{"name": "@acme/p{p}", "backstage": {{"role": "frontend-plugin"}}}}\n')
    i = 0
    while len(files) < per:
        ext = ("go", "ts", "py")[i % 3]
        add(f"src/module-{i // 25:03d}/file-{i:04d}.{ext}", f"// file {i} of service {r}\n" * 8)
        i += 1
    # Five dated commits: everything, then four changes to source files (and, in every third
    # repository, one to the catalog file).
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial", date=f"2023-{1 + r % 12:02d}-10")
    for c in range(4):
        with open(os.path.join(repo, f"src/module-000/file-{3 * c:04d}.go"), "a") as f:
            f.write(f"// change {c}\n")
        if r % 3 == 0 and c == 1:
            with open(os.path.join(repo, "catalog-info.yaml"), "a") as f:
                f.write("  lifecycle: production\n")
        git(repo, "commit", "-q", "-am", f"change {c}", date=f"2024-{1 + 2 * c:02d}-{1 + r % 28:02d}")
    git(repo, "gc", "-q")
PY
fi

files=$(find "$work/org" -type f -not -path '*/.git/*' | wc -l)
all_files=$(find "$work/org" -type f | wc -l)
echo "tree: $files files in repositories, $all_files with .git"

fastest_ms() {  # fastest wall time in ms of running "$@" 5 times, after one warm-up run
  python3 - "$@" <<'PY'
import subprocess, sys, time
cmd = sys.argv[1:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"{min(times):.0f}")
PY
}

find_ms=$(fastest_ms find "$work/org" -type f)
find_nogit_ms=$(fastest_ms find "$work/org" -type f -not -path '*/.git/*')
scan_ms=$(fastest_ms "$bin" scan "$work/org" --format json)
"$bin" scan "$work/org" --format json > "$work/report.json"

echo
echo "find DIR -type f:                 ${find_ms} ms"
echo "find DIR -type f (without .git):  ${find_nogit_ms} ms"
echo "idpfit scan DIR --format json:    ${scan_ms} ms"
python3 - "$scan_ms" "$find_ms" "$find_nogit_ms" "$work/report.json" <<'PY'
import json, sys
scan, find, find_nogit = (float(x) for x in sys.argv[1:4])
report = json.load(open(sys.argv[4]))
read = sum(1 for r in report["scanned"] if r["history"] == "read")
print(f"ratio scan / find: {scan / find:.2f} (target: at most 3), without .git: {scan / find_nogit:.2f}")
print(f"repositories: {report['repositories']}, histories read: {read}, "
      f"answers measured: {len(report['answers'])}")
PY
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory of the scan: %M KiB" "$bin" scan "$work/org" --format json > /dev/null
fi
