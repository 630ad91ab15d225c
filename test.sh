#!/usr/bin/env bash
# Runs every ActorStreams test on a fresh Debian 12 machine with only the .NET SDK:
# installs the apt packages the tests need, builds (Release), runs every test project,
# and ends with one line "N passed, N failed[, N skipped]" computed from the test results.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category=Unit]
set -uo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ACTORSTREAMS_HOME="$ROOT"
RESULTS="$ROOT/artifacts/test-results"

"$ROOT/scripts/ensure-deps.sh" test || { echo "dependency installation failed"; echo "0 passed, 0 failed"; exit 1; }

echo "== build (Release)"
if ! dotnet build ActorStreams.sln -c Release --nologo -v q -clp:"ErrorsOnly;Summary"; then
  echo "build failed"
  echo "0 passed, 0 failed"
  exit 1
fi

echo "== test"
rm -rf "$RESULTS"
dotnet test ActorStreams.sln -c Release --no-build --nologo \
  --results-directory "$RESULTS" --logger trx --logger "console;verbosity=minimal" \
  --blame-hang-timeout 10m "$@"
test_rc=$?

# Sum the counters of every TRX file: the summary comes from the real results only.
summary=$(python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
failures = []
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    counters = root.find(f"{ns}ResultSummary/{ns}Counters")
    if counters is None:
        continue
    c = {k: int(v) for k, v in counters.attrib.items()}
    passed += c.get("passed", 0)
    failed += c.get("failed", 0) + c.get("error", 0) + c.get("timeout", 0) + c.get("aborted", 0)
    skipped += c.get("notExecuted", 0)
    for r in root.iter(f"{ns}UnitTestResult"):
        if r.get("outcome") not in ("Passed", "NotExecuted", "Inconclusive"):
            msg = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            text = (msg.text or "").strip().replace("\n", " ")[:400] if msg is not None else ""
            # The first frame with a file and line says which assertion failed.
            stack = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}StackTrace")
            where = next((l.strip() for l in (stack.text or "").splitlines() if ":line " in l), "") if stack is not None else ""
            failures.append(f"{r.get('outcome')}: {r.get('testName')} -- {text}" + (f" [{where[:300]}]" if where else ""))
# Failed tests are listed last, just above the summary, so that the tail of a CI log names them.
for f in failures:
    print(f, file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
print("FAILED" if failed else "OK", file=sys.stderr)
PY
)
echo "$summary"
if [[ $test_rc -ne 0 ]] || [[ ! "$summary" =~ \ 0\ failed ]]; then
  exit 1
fi
exit 0
