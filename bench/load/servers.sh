# Shared by run.sh and smoke.sh (sourced): a throwaway certificate, and starting/stopping the
# three servers p2p-load measures, each on a free port of 127.0.0.1 with one I/O thread.
# shellcheck shell=bash

# A self-signed ECDSA P-256 certificate (the kind the relay generates for itself) in $1.
make_throwaway_cert() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$1/key.pem" -out "$1/cert.pem" 2>/dev/null
}

# The command line that starts server $1 (relay|echo|node|node-seed: the same Node server), certificate files in directory $2.
# Our relay gets limits high enough never to throttle or refuse the benchmark's traffic, logs
# only warnings (no server logs per connection for any target), and the longest idle timeout
# (it pings each idle connection once per half of it; the other servers do not ping at all).
server_command() {
  local target=$1 dir=$2
  case $target in
    relay) echo "$RELAY_BIN --address 127.0.0.1 --port 0 --threads 1 --cert $dir/cert.pem --key $dir/key.pem" \
                "--web-root $dir --state-dir $dir/state --log-level warn --rate 100000 --burst 100000" \
                "--max-connections 1000000 --max-connections-per-ip 1000000 --max-rooms 1000000" \
                "--max-queued-messages 1000000 --idle-timeout 30" ;;
    echo) echo "$ECHO_BIN --address 127.0.0.1 --port 0 --threads 1 --cert $dir/cert.pem --key $dir/key.pem" ;;
    node|node-seed) echo "node $NODE_RELAY_DIR/server.js --address 127.0.0.1 --port 0 --cert $dir/cert.pem --key $dir/key.pem --static $dir" ;;
  esac
}

# Starts server $1 with certificates in $2; sets SERVER_PID and SERVER_PORT. Its output goes to
# $2/$1.log. Fails when it does not print "listening on 127.0.0.1:PORT" within 15 s.
start_server() {
  local target=$1 dir=$2 log=$2/$1.log i
  SERVER_COMMAND=$(server_command "$target" "$dir")
  # shellcheck disable=SC2086  # the command is a word list we built ourselves
  $SERVER_COMMAND >"$log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 150); do
    SERVER_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log" | head -n1)
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $target did not start: $(cat "$log")" >&2
  return 1
}

# Stops the server started last (SIGTERM, then waits for it).
stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
