#!/usr/bin/env bash
# Executes every notebook in notebooks/ top to bottom with the tslab TypeScript kernel, so
# they never rot: any cell error or failed check fails the run. The committed notebooks
# carry no outputs; executed copies (.ipynb and .html) go to notebooks/out/.
#
#   scripts/run-notebooks.sh              prepare, then run every notebooks/*.ipynb
#   scripts/run-notebooks.sh 02-*.ipynb   prepare, then run the named notebooks
#   scripts/run-notebooks.sh --prepare    register the kernel and write the types only
#                                          (before opening the notebooks in Jupyter)
#
# Needs Debian's Jupyter (jupyter-nbconvert, python3-ipykernel, jupyter-client); the
# python3 first on PATH may be another one, so Debian's is named: /usr/bin/python3.
# tslab lives in notebooks/package.json, apart from the app: its bundled TypeScript 5.0
# would otherwise take over the project's node_modules/.bin/tsc.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${NOTEBOOK_PYTHON:-/usr/bin/python3}
# The kernel spec runs plain `tslab`: it must be on PATH for Jupyter's kernel launcher.
export PATH="$ROOT/notebooks/node_modules/.bin:$PATH"

if ! "$PYTHON" -c 'import nbconvert, ipykernel, jupyter_client' 2>/dev/null; then
  echo "run-notebooks: $PYTHON has no Jupyter. Install Debian's: apt-get install jupyter-nbconvert python3-ipykernel jupyter-client" >&2
  exit 1
fi
if [ ! -d node_modules/typescript ]; then
  echo "run-notebooks: the project's dependencies are missing; run npm ci first" >&2
  exit 1
fi
# Install (or refresh) the kernel when it is missing or its lockfile changed since.
if [ ! -x notebooks/node_modules/.bin/tslab ] || [ notebooks/package-lock.json -nt notebooks/node_modules/.package-lock.json ]; then
  npm ci --prefix notebooks --no-audit --no-fund
fi

# Idempotent: rewrites the same kernel spec (per user when not root).
tslab install --python="$PYTHON" >/dev/null
# Declarations of src/ that the notebooks type-check against (see notebooks/tsconfig.types.json).
rm -rf notebooks/.types
node node_modules/typescript/bin/tsc -p notebooks/tsconfig.types.json

if [ "${1:-}" = "--prepare" ]; then
  echo "run-notebooks: tslab kernel registered, notebooks/.types written"
  exit 0
fi

if [ $# -gt 0 ]; then
  notebooks=()
  for name in "$@"; do
    nb="notebooks/$(basename "$name")"
    [ -f "$nb" ] || { echo "run-notebooks: no notebook $nb" >&2; exit 1; }
    notebooks+=("$nb")
  done
else
  notebooks=(notebooks/*.ipynb)
fi

# Committed notebooks are stripped of outputs: refuse one that is not, rather than
# letting stale outputs pass for fresh ones.
"$PYTHON" - "${notebooks[@]}" <<'PY'
import json, sys
dirty = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    if any(c.get("outputs") or c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"):
        dirty.append(path)
if dirty:
    print("run-notebooks: these notebooks carry outputs; commit them stripped:", file=sys.stderr)
    for path in dirty:
        print(f"  jupyter nbconvert --clear-output --inplace {path}", file=sys.stderr)
    sys.exit(1)
PY

# Each notebook runs in a fresh tslab kernel with nbconvert's ExecutePreprocessor (what
# `jupyter nbconvert --to notebook --execute` runs), stopping at the first failing cell.
# A failed notebook is still written to notebooks/out/ with the outputs up to that cell;
# tslab prints the error on the cell's stderr, which is shown here.
"$PYTHON" - "${notebooks[@]}" <<'PY'
import os, sys, time
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor
from nbformat.sign import NotebookNotary

out = os.path.join("notebooks", "out")
os.makedirs(out, exist_ok=True)
passed, failed = 0, []
for path in sys.argv[1:]:
    name = os.path.splitext(os.path.basename(path))[0]
    for ext in (".ipynb", ".html"):
        if os.path.exists(os.path.join(out, name + ext)):
            os.remove(os.path.join(out, name + ext))
    nb = nbformat.read(path, as_version=4)
    ep = ExecutePreprocessor(timeout=600, kernel_name="tslab")
    started = time.monotonic()
    error = None
    try:
        ep.preprocess(nb, {"metadata": {"path": os.path.dirname(path)}})
    except CellExecutionError as e:
        error = e
    except Exception as e:  # the kernel died or timed out
        error = e
    seconds = time.monotonic() - started
    target = os.path.join(out, name + ".ipynb")
    nbformat.write(nb, target)
    if error is None:
        # Trusted on this machine, so Jupyter runs the Plotly scripts when the copy is
        # opened; the HTML export shows the same charts in any browser.
        try:
            NotebookNotary().sign(nb)
        except Exception as e:
            print(f"run-notebooks: could not mark {target} trusted ({e}); open the .html instead", flush=True)
        html, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(out, name + ".html"), "w", encoding="utf-8") as f:
            f.write(html)
        print(f"run-notebooks: ok    {name:<34} {seconds:6.1f} s", flush=True)
        passed += 1
        continue
    print(f"run-notebooks: FAIL  {name:<34} {seconds:6.1f} s", flush=True)
    cell = next((c for c in reversed(nb.cells) if c.cell_type == "code" and c.get("outputs")), None)
    index = nb.cells.index(cell) if cell is not None else -1
    if isinstance(error, CellExecutionError) and cell is not None:
        print(f"  cell {index}:\n    " + cell.source.replace("\n", "\n    "))
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stderr":
                print("  " + "".join(o.text).strip().replace("\n", "\n  "))
            elif o.output_type == "error":
                print(f"  {o.ename}: {o.evalue}")
    else:
        print(f"  {type(error).__name__}: {error}")
    print(f"  partial outputs: {target}", flush=True)
    failed.append(name)

print(f"notebooks: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
PY
