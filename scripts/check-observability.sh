#!/usr/bin/env bash
# Offline checks of the monitoring stack and the compose file:
#   (a) promtool check config / check rules on observability/stack/prometheus;
#   (b) docker-compose config -q on docker-compose.yml;
#   (c) every Grafana dashboard under observability/stack/grafana/dashboards parses, and every metric
#       named in a PromQL query (panel targets, template variables) or an alert rule is one the services
#       expose: scraped from the running services and console (127.0.0.1:8001-8005/actuator/prometheus), or read from
#       a saved scrape given as the argument, plus observability/stack/prometheus/external-metrics.txt.
# Usage: scripts/check-observability.sh [saved-scrape.txt]
#        scripts/check-observability.sh --skip-metrics   (no services at hand: (a), (b), dashboards parse)
# Exits non-zero if any check fails or a metric is missing. Installs promtool (Debian package
# prometheus) and docker-compose with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
STACK=observability/stack
PORTS=${OBSERVABILITY_PORTS:-8001 8002 8003 8004 8005}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

packages=()
command -v promtool >/dev/null || packages+=(prometheus)
command -v python3 >/dev/null || packages+=(python3)
if ! command -v docker-compose >/dev/null && ! docker compose version >/dev/null 2>&1; then packages+=(docker-compose); fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
if command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(docker compose); fi

failed=0
step() { echo; echo "== $*"; }

step "promtool check config $STACK/prometheus/prometheus.yml"
promtool check config "$STACK/prometheus/prometheus.yml" || failed=1

step "promtool check rules $STACK/prometheus/alerts.yml"
promtool check rules "$STACK/prometheus/alerts.yml" || failed=1

step "${compose[*]} -f docker-compose.yml config -q"
# the file requires these secrets from the environment; any value will do for validating it
if JWT_SIGNING_KEYS_FILE=${JWT_SIGNING_KEYS_FILE:-config-check-only.json} \
   ADMIN_PASSWORD=${ADMIN_PASSWORD:-config-check-only} \
   "${compose[@]}" -f docker-compose.yml config -q; then
  echo "docker-compose.yml is valid"
else
  failed=1
fi

step "dashboards and alert rules against the services' metrics"
metrics=$(mktemp)
trap 'rm -f "$metrics"' EXIT
check_metrics=1
if [ "${1:-}" = --skip-metrics ]; then
  echo "metric names not checked (--skip-metrics)"
  check_metrics=0
elif [ $# -ge 1 ]; then
  [ -r "$1" ] || { echo "cannot read $1" >&2; exit 2; }
  echo "metrics from the saved scrape $1"
  cat "$1" >"$metrics"
else
  for port in $PORTS; do
    if curl -fsS -m 10 "http://127.0.0.1:$port/actuator/prometheus" >>"$metrics"; then
      echo "scraped http://127.0.0.1:$port/actuator/prometheus"
    else
      echo "MISSING scrape: http://127.0.0.1:$port/actuator/prometheus did not answer" >&2
      failed=1
    fi
  done
fi

python3 - "$metrics" "$STACK/prometheus/external-metrics.txt" "$STACK/grafana/dashboards" \
  "$STACK/prometheus/alerts.yml" "$check_metrics" "$STACK/grafana/provisioning/datasources/datasources.yml" <<'PY' || failed=1
import json, os, re, sys

scrape, external, dashboards_dir, alerts = sys.argv[1:5]
check_metrics = sys.argv[5] == '1'
# the data source uids Grafana is provisioned with: a panel naming another one shows nothing
datasource_uids = set(re.findall(r'^\s*uid:\s*["\']?([\w-]+)', open(sys.argv[6]).read(), re.M))

# ---- the metrics list: series names, families from "# TYPE" lines, bare names (one per line)
series, families = set(), {}
def read_list(path, bare_type):
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            m = re.match(r'#\s*TYPE\s+([a-zA-Z_:][\w:]*)\s+(\w+)', line)
            if m:
                families[m.group(1)] = m.group(2)
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'([a-zA-Z_:][\w:]*)\s*$', line)
            if m:
                families.setdefault(m.group(1), bare_type)
                continue
            m = re.match(r'([a-zA-Z_:][\w:]*)\s*[{ ]', line)
            if m:
                series.add(m.group(1))
read_list(scrape, 'list')
scraped = len(series)
read_list(external, 'list')
if check_metrics and scraped == 0 and not any(t != 'list' for t in families.values()):
    print('no metrics in the scrape: are the services running?')
    sys.exit(1)
if check_metrics:
    print(f'{scraped} series names scraped, {len(families)} families (incl. external-metrics.txt)')

SUFFIXES = {
    'histogram': ('_bucket', '_count', '_sum', '_created'),
    'summary': ('_count', '_sum', '_created'),
    'counter': ('_total', '_created'),
    'list': ('_bucket', '_count', '_sum', '_total', '_max', '_created'),
}
def known(name):
    if name in series or name in families:
        return True
    for family, kind in families.items():
        rest = name[len(family):] if name.startswith(family) else None
        if rest and rest in SUFFIXES.get(kind, ()):
            return True
    return False

# ---- metric names in a PromQL expression
KEYWORDS = set('''sum min max avg group stddev stdvar count count_values bottomk topk quantile limitk
    limit_ratio by without on ignoring group_left group_right bool offset and or unless atan2 inf nan'''.split())
def metric_names(expr):
    s = re.sub(r'\$\{[^}]*\}|\$\w+', ' ', expr)                    # Grafana variables
    s = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`', '""', s)  # strings
    s = re.sub(r'\{[^}]*\}', ' ', s)                                # label matchers
    s = re.sub(r'\[[^\]]*\]', ' ', s)                               # ranges, subqueries
    s = re.sub(r'\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)', r' \1 ', s)
    s = re.sub(r'@\s*\S+', ' ', s)                                  # @ modifier
    names = set()
    for m in re.finditer(r'[a-zA-Z_:][\w:]*', s):
        if m.start() > 0 and re.match(r'[\w.:]', s[m.start() - 1]):
            continue                                                # part of a number: 1e3, 5m
        if s[m.end():].lstrip().startswith('('):
            continue                                                # a function
        if m.group(0) in KEYWORDS:
            continue
        names.add(m.group(0))
    return names

def variable_query(q):
    if isinstance(q, dict):
        q = q.get('query', '')
    q = q or ''
    m = re.match(r'\s*label_values\((.*)\)\s*$', q, re.S)
    if m:
        inner = m.group(1)
        # label_values(metric{...}, label): the selector is all but the last argument
        if ',' not in re.sub(r'\{[^}]*\}', '', inner):
            return ''
        return inner[:inner.rstrip().rfind(',')]
    m = re.match(r'\s*(?:query_result|metrics)\((.*)\)\s*$', q, re.S)
    if m:
        return m.group(1) if q.strip().startswith('query_result') else ''
    return '' if re.match(r'\s*label_names\(', q) else q

def is_loki(ds):
    return isinstance(ds, dict) and (ds.get('type') == 'loki' or ds.get('uid') == 'loki')

missing_total = 0
def report(where, exprs):
    global missing_total
    missing = {}
    if not check_metrics:
        names = sorted(set().union(*[metric_names(e) for _, e in exprs])) if exprs else []
        print(f'   metrics named: {", ".join(names)}')
        return None
    for context, expr in exprs:
        for name in metric_names(expr):
            if not known(name):
                missing.setdefault(name, []).append(context)
    for name, contexts in sorted(missing.items()):
        print(f'   MISSING {name}   (in {", ".join(sorted(set(contexts))[:3])})')
    missing_total += len(missing)
    return missing

files = sorted(f for f in os.listdir(dashboards_dir) if f.endswith('.json'))
if not files:
    print(f'no dashboards in {dashboards_dir}'); sys.exit(1)
broken, board_uids = 0, {}
def unknown_datasources(node, found):
    if isinstance(node, dict):
        ds = node.get('datasource')
        if isinstance(ds, dict) and ds.get('uid') and not ds['uid'].startswith('$') and ds['uid'] not in datasource_uids:
            found.add(ds['uid'])
        for value in node.values():
            unknown_datasources(value, found)
    elif isinstance(node, list):
        for value in node:
            unknown_datasources(value, found)
    return found
for file in files:
    path = os.path.join(dashboards_dir, file)
    try:
        with open(path) as f:
            board = json.load(f)
    except ValueError as e:
        print(f'{file}: does not parse: {e}'); broken += 1; continue
    panels, exprs, logql = [], [], 0
    def walk(items):
        for p in items:
            if p.get('type') == 'row':
                walk(p.get('panels', []))
                continue
            panels.append(p)
    walk(board.get('panels', []))
    for p in panels:
        for t in p.get('targets', []):
            if 'expr' not in t:
                continue
            if is_loki(t.get('datasource')) or (t.get('datasource') is None and is_loki(p.get('datasource'))):
                logql += 1
                continue
            exprs.append((f'panel "{p.get("title", "?")}"', t['expr']))
    for v in board.get('templating', {}).get('list', []):
        if v.get('type') == 'query' and not is_loki(v.get('datasource')):
            exprs.append((f'variable ${v.get("name")}', variable_query(v.get('query'))))
    print(f'{file}: "{board.get("title")}", {len(panels)} panels, {len(exprs)} PromQL and {logql} LogQL queries')
    bad = unknown_datasources(board, set())
    if bad:
        print(f'   UNKNOWN data source uid(s) {", ".join(sorted(bad))} (provisioned: {", ".join(sorted(datasource_uids))})')
        broken += 1
    if board.get('uid') in board_uids:
        print(f'   DUPLICATE dashboard uid {board["uid"]} (also {board_uids[board["uid"]]})')
        broken += 1
    board_uids[board.get('uid')] = file
    if report(file, exprs) == {}:
        print('   every metric found')

# alert rules: `expr:` on one line or as a block scalar (| or >) below it
exprs, lines = [], open(alerts).read().splitlines()
i = 0
while i < len(lines):
    m = re.match(r'(\s*)expr:\s*(.*)$', lines[i])
    if m:
        text = m.group(2)
        if text in ('|', '>', '|-', '>-'):
            indent, parts = len(m.group(1)), []
            while i + 1 < len(lines) and (not lines[i + 1].strip() or len(lines[i + 1]) - len(lines[i + 1].lstrip()) > indent):
                i += 1; parts.append(lines[i].strip())
            text = ' '.join(parts)
        exprs.append((f'{os.path.basename(alerts)} line {i + 1}', text))
    i += 1
print(f'{os.path.basename(alerts)}: {len(exprs)} alert expressions')
if report(alerts, exprs) == {}:
    print('   every metric found')

if broken or missing_total:
    print(f'\nFAILED: {broken} dashboard problems (parse, data source, uid), {missing_total} metric names missing')
    sys.exit(1)
PY

echo
if [ "$failed" = 0 ]; then echo "observability checks passed"; else echo "observability checks FAILED" >&2; fi
exit "$failed"
