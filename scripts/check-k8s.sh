#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (deploy/k8s): renders every overlay with `kubectl kustomize`,
# validates every rendered object against the Kubernetes API schemas (kubernetes-models from npm: ajv
# validators generated from Kubernetes' OpenAPI spec, and unknown fields from its type declarations),
# and checks the project's rules on the output (deploy/k8s/README.md, "What the checks check").
# No cluster is needed. Prints "ok   ..." / "FAIL ..." per check; exits non-zero on any failure.
#   bash scripts/check-k8s.sh
# Needs kubectl (with its built-in kustomize), node and npm; the validator's npm packages are installed
# under deploy/k8s/node_modules (git-ignored) on the first run, from deploy/k8s/package-lock.json.
# The overlays are rendered with the placeholder secrets of secrets.example/, never the operator's files.
set -uo pipefail
cd "$(dirname "$0")/.."
K8S=deploy/k8s
failures=0
ok()   { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

missing=""
for tool in node npm tar; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
# kustomize v4 or later: kubectl's built-in one (kubectl 1.21+), or a standalone kustomize
if command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | grep -q -E 'Kustomize Version: v([4-9]|[1-9][0-9])'; then
  render=(kubectl kustomize)
elif command -v kustomize >/dev/null 2>&1 && kustomize version 2>/dev/null | grep -q -E 'v([4-9]|[1-9][0-9])'; then
  render=(kustomize build)
else
  missing="$missing kubectl-with-kustomize-v4+"
fi
if [ -n "$missing" ]; then
  fail "tools missing:$missing (node and npm: apt-get install nodejs npm; kubectl 1.21 or later)"
  exit 1
fi

# the validator, installed once per package-lock.json (idempotent, quiet, no binary download)
lock_sum=$(sha256sum "$K8S/package-lock.json" | cut -d' ' -f1)
stamp="$K8S/node_modules/.installed-from-lock"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  if log=$(cd "$K8S" && timeout 300 npm ci --no-audit --no-fund --loglevel=error --ignore-scripts 2>&1); then
    echo "$lock_sum" > "$stamp"
    ok "validator installed (npm ci in $K8S)"
  else
    fail "npm ci in $K8S: $(echo "$log" | tail -3)"
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a copy without node_modules and without any real secret file; secrets.example/ stands in for secrets/
tar -C "$K8S" --exclude=./node_modules --exclude='./overlays/*/secrets' -cf - . | tar -C "$work" -xf -

rendered=()
if out=$(timeout 60 "${render[@]}" "$work/base" 2>&1 >/dev/null); then ok "base renders"; else fail "base does not render: $out"; fi
for dir in "$work"/overlays/*/; do
  name=$(basename "$dir")
  [ -d "$dir/secrets.example" ] && cp -r "$dir/secrets.example" "$dir/secrets"
  if out=$(timeout 60 "${render[@]}" "$dir" 2>&1 > "$work/$name.yaml"); then
    ok "$name renders ($(grep -c '^kind:' "$work/$name.yaml") objects)"
    rendered+=("$name=$work/$name.yaml")
  else
    fail "$name does not render: $out"
  fi
done
[ ${#rendered[@]} -ge 2 ] || fail "expected at least two overlays (in-cluster, managed), rendered ${#rendered[@]}"

if [ ${#rendered[@]} -gt 0 ]; then
  timeout 120 node "$K8S/tools/validate.mjs" "${rendered[@]}"
  rc=$?
  if [ $rc -eq 1 ]; then failures=$((failures + 1)); elif [ $rc -ne 0 ]; then fail "validator ended with status $rc"; fi
fi

# nothing committed under deploy/k8s holds a real secret: placeholders only, no private key
leaks=$(git ls-files -z --cached --others --exclude-standard "$K8S/base" "$K8S/overlays" | xargs -0 grep -l -E -e '"d" *:' -e '-----BEGIN' 2>/dev/null)
for f in $(git ls-files --cached --others --exclude-standard "$K8S" | grep '/secrets.example/.*\.env$'); do
  grep -v -E '^\s*(#|$)' "$f" | grep -q -v -E '(=CHANGE-ME$|^[A-Z_]+_USER=)' && leaks="$leaks $f"
done
if git ls-files --cached --others --exclude-standard "$K8S" | grep -q '/secrets/'; then leaks="$leaks $(git ls-files --cached --others --exclude-standard "$K8S" | grep '/secrets/' | tr '\n' ' ')"; fi
if [ -z "$leaks" ]; then ok "no secret value committed under $K8S (placeholders only)"; else fail "secret-looking content committed: $leaks"; fi

if [ $failures -eq 0 ]; then echo "check-k8s: all checks passed"; else echo "check-k8s: $failures check(s) failed"; fi
[ $failures -eq 0 ]
