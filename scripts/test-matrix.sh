#!/usr/bin/env bash
# The whole pytest suite on three set-ups ("make test" runs it; .ci/run runs make test):
#   default  the project's .venv (whatever pip resolved from pyproject.toml)
#   lowest   Python 3.11, every dependency at its lower bound (constraints/lowest.txt)
#   newest   Python 3.13, the newest releases tested (constraints/newest.txt)
# lowest and newest live in their own virtual environments under .matrix/, made (or
# brought up to date when pyproject.toml or the constraints file changed) here.
#
# KB_MATRIX picks the runs: "default" (only the default suite), "lowest", "newest", or
# a space-separated list; all three when unset.  KB_MATRIX_PARALLEL=1 (the default) runs
# the lowest and newest suites side by side with the default one: most of a suite's time
# is spent waiting on subprocesses (Sphinx builds, latexmk, Chromium), so on two cores
# three suites at once take far less than three one after another.  Each suite writes its log to .matrix/<name>.log and its temporary
# files to its own folder; the summary at the end gives each run's counts and wall time.
set -uo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
RUNS=${KB_MATRIX:-default lowest newest}
PARALLEL=${KB_MATRIX_PARALLEL:-1}
# A Python of version $1 that runs: on PATH, else one pyenv installed (pyenv's shims
# refuse a version that is not selected, so the shim alone is not enough).
find_python() {
  local version=$1 candidate
  for candidate in "python$version" \
    "$(command -v pyenv >/dev/null 2>&1 && pyenv root)"/versions/"$version"*/bin/"python$version" \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version"*/bin/"python$version"; do
    if [ -n "$candidate" ] && "$candidate" -c "pass" >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  echo "python$version"
}
PY311=${KB_PYTHON311:-$(find_python 3.11)}
PY313=${KB_PYTHON313:-$(find_python 3.13)}
mkdir -p .matrix
start_all=$(date +%s)

python_for() {
  case $1 in
    lowest) echo "$PY311" ;;
    newest) echo "$PY313" ;;
  esac
}

# Make (or refresh) .matrix/<name>: the project and its test tools, with the
# constraints file's exact releases.
prepare() {
  local name=$1 env=.matrix/$1 stamp=.matrix/$1/.installed python
  python=$(python_for "$name")
  if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt "constraints/$name.txt" ]; then
    return 0
  fi
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "test-matrix: $python not found; the $name suite needs it" >&2
    return 1
  fi
  rm -rf "$env"
  "$python" -m venv "$env" &&
    "$env/bin/python" -m pip install -q --upgrade pip &&
    "$env/bin/python" -m pip install -q -e '.[test]' -c "constraints/$name.txt" &&
    touch "$stamp"
}

# Run one suite; its pytest summary line and wall time go to .matrix/<name>.result.
suite() {
  local name=$1 python log=.matrix/$1.log started status
  if [ "$name" = default ]; then python=$VENV/bin/python; else python=.matrix/$name/bin/python; fi
  started=$(date +%s)
  {
    if [ "$name" != default ] && ! prepare "$name"; then
      echo "test-matrix: could not install the $name set-up"
      false
    else
      "$python" -c 'import sys, sphinx, docutils; print(f"{sys.argv[1]}: Python {sys.version.split()[0]}, Sphinx {sphinx.__version__}, docutils {docutils.__version__}")' "$name"
      "$python" -m pytest -p no:cacheprovider --basetemp="${TMPDIR:-/tmp}/kb-matrix-$name"
    fi
  } >"$log" 2>&1
  status=$?
  local summary
  summary=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -n 1 | sed -E 's/^=+ //; s/ =+$//')
  echo "$name|$status|$(($(date +%s) - started))|${summary:-no pytest summary, see $log}" >".matrix/$name.result"
}

rm -f .matrix/*.result
pids=()
for name in $RUNS; do
  case $name in default | lowest | newest) ;; *)
    echo "test-matrix: unknown run '$name' (KB_MATRIX: default, lowest, newest)" >&2
    exit 2
    ;;
  esac
done
for name in $RUNS; do
  [ "$name" = default ] && continue
  if [ "$PARALLEL" = 1 ]; then
    suite "$name" &
    pids+=($!)
  fi
done
if [[ " $RUNS " == *" default "* ]]; then
  # In the foreground, so a developer sees the suite they usually run as it goes.
  started=$(date +%s)
  "$VENV/bin/python" -m pytest -p no:cacheprovider --basetemp="${TMPDIR:-/tmp}/kb-matrix-default" 2>&1 |
    tee .matrix/default.log
  status=${PIPESTATUS[0]}
  summary=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' .matrix/default.log | tail -n 1 | sed -E 's/^=+ //; s/ =+$//')
  echo "default|$status|$(($(date +%s) - started))|${summary:-no pytest summary}" >.matrix/default.result
fi
for name in $RUNS; do
  [ "$name" = default ] && continue
  [ "$PARALLEL" = 1 ] || suite "$name"
done
for pid in "${pids[@]}"; do wait "$pid"; done

echo
echo "test matrix (wall time of the whole matrix: $(($(date +%s) - start_all)) s)"
failed=0
passed_total=0
failed_total=0
for name in $RUNS; do
  IFS='|' read -r run status seconds summary <".matrix/$name.result"
  printf '  %-8s %-4s %5ss  %s\n' "$run" "$([ "$status" = 0 ] && echo ok || echo FAIL)" "$seconds" "$summary"
  [ "$status" = 0 ] || failed=1
  if [ "$name" != default ] && [ "$status" != 0 ]; then
    echo "    (log: .matrix/$name.log)"
    tail -n 30 ".matrix/$name.log" | sed 's/^/    /'
  fi
  p=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || true)
  f=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$summary" | awk '{n += $1} END {print n + 0}')
  passed_total=$((passed_total + ${p:-0}))
  failed_total=$((failed_total + ${f:-0}))
done
echo "matrix: $passed_total passed, $failed_total failed"
exit $failed
