#!/usr/bin/env bash
# A morning at a 100,000-citizen jobcenter on PostgreSQL, built and loaded with the project's own commands.
#
#   bench/load_100k.sh build    # new database, indsats synth (which keeps the obligations), logins
#   bench/load_100k.sh run      # indsats serve on loopback + Locust headless (USERS=20, RUN_TIME=2m)
#   bench/load_100k.sh keep     # indsats obligations refresh + indsats measures refresh --full (timed)
#   bench/load_100k.sh drop     # drop the database
#   bench/load_100k.sh all      # build, run, drop
#
# The 10-minute run of the issue: RUN_TIME=10m bench/load_100k.sh run
# Environment: DB_NAME (indsats_load100k), PG (postgresql+psycopg://postgres@127.0.0.1:5432),
# CITIZENS (100000), MUNICIPALITY (250), PORT (8765), USERS (20), RUN_TIME (2m), PY (.venv/bin/python),
# REFRESH=1 to time `indsats obligations refresh` and `indsats measures refresh` on their own after the build.
# Only loopback is ever served or loaded. Results go to bench/results/load_100k_*.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}; [ -x "$PY" ] || PY=python3
DB_NAME=${DB_NAME:-indsats_load100k}
PG=${PG:-postgresql+psycopg://postgres@127.0.0.1:5432}
CITIZENS=${CITIZENS:-100000}
MUNICIPALITY=${MUNICIPALITY:-250}
PORT=${PORT:-8765}
USERS=${USERS:-20}
RUN_TIME=${RUN_TIME:-2m}
PASSWORD=${PASSWORD:-belastning-2026}
OUT=bench/results
export INDSATS_DATABASE_URL="$PG/$DB_NAME"
indsats() { "$PY" -c "from indsats.cli import main; main()" "$@"; }
psql_db() { psql -h 127.0.0.1 -U postgres -d "$DB_NAME" -Atc "$1"; }
mkdir -p "$OUT"

build() {
  psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
  /usr/bin/time -f "synth (with the obligations and measures kept): %e s, peak RSS %M KB" \
    "$PY" -c "from indsats.cli import main; main()" synth --citizens "$CITIZENS" --municipality "$MUNICIPALITY"
  if [ "${REFRESH:-0}" = 1 ]; then keep; fi
  logins
}

keep() {
  /usr/bin/time -f "obligations refresh: %e s, peak RSS %M KB" \
    "$PY" -c "from indsats.cli import main; main()" obligations refresh
  /usr/bin/time -f "measures refresh: %e s, peak RSS %M KB" \
    "$PY" -c "from indsats.cli import main; main()" measures refresh --full
}

logins() {
  "$PY" bench/load_logins.py "$MUNICIPALITY" "$PASSWORD"
}

run() {
  local started rss_log stamp
  stamp=$(date +%Y%m%d-%H%M)
  while curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    echo "port $PORT still answers (an earlier server?); waiting"; sleep 2
  done
  started=$(date +%s.%N)
  INDSATS_DUCKDB_MEMORY_LIMIT=${DUCKDB_MEMORY:-512MB} \
    "$PY" -c "from indsats.cli import main; main()" serve --host 127.0.0.1 --port "$PORT" \
    >"$OUT/load_100k_server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { echo "server did not start"; cat "$OUT/load_100k_server.log"; exit 1; }
    sleep 0.2
  done
  echo "healthz answered $(echo "$(date +%s.%N) - $started" | bc) s after start"
  rss_log="$OUT/load_100k_rss.txt"; : >"$rss_log"
  # Two columns, KB: the server's own RSS, and the sum of its children's (the background worker, `indsats worker`).
  ( while kill -0 "$server" 2>/dev/null; do
      own=$(ps -o rss= -p "$server" 2>/dev/null || echo 0)
      kids=$(ps -o rss= --ppid "$server" 2>/dev/null | awk '{s+=$1} END {print s+0}')
      echo "$own $kids" >>"$rss_log"; sleep 2
    done ) &
  LOAD_PASSWORD="$PASSWORD" LOAD_MUNICIPALITY="$MUNICIPALITY" "$PY" -m locust -f bench/locustfile.py --headless \
    --host "http://127.0.0.1:$PORT" --users "$USERS" --spawn-rate 4 --run-time "$RUN_TIME" --stop-timeout 10 \
    --csv "$OUT/load_100k_$stamp" --only-summary 2>&1 | tail -60 || true
  echo "server peak RSS: $(awk '$1>m {m=$1} END {print m}' "$rss_log") KB;" \
       "background worker peak RSS: $(awk '$2>m {m=$2} END {print m+0}' "$rss_log") KB;" \
       "server + worker peak: $(awk '$1+$2>m {m=$1+$2} END {print m}' "$rss_log") KB"
  "$PY" bench/load_pdf.py "http://127.0.0.1:$PORT" load-ch0 "$PASSWORD" || true
  kill "$server"; wait "$server" 2>/dev/null || true
  "$PY" bench/load_report.py "$OUT/load_100k_${stamp}_stats.csv"
}

drop() { psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null; echo "dropped $DB_NAME"; }

case "${1:-all}" in
  build) build ;;
  logins) logins ;;
  keep) keep ;;
  run) run ;;
  drop) drop ;;
  all) build; run; drop ;;
  *) echo "usage: $0 build|logins|run|drop|all"; exit 2 ;;
esac
