# Shared by run.sh and smoke.sh (sourced): a throwaway certificate, and starting/stopping the
# three servers p2p-load measures, each on a free port of 127.0.0.1 with one I/O thread, and the
# cluster: two relays sharing rooms through a redis-server of their own.
# shellcheck shell=bash

# A self-signed ECDSA P-256 certificate (the kind the relay generates for itself) in $1.
make_throwaway_cert() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$1/key.pem" -out "$1/cert.pem" 2>/dev/null
}

# The command line that starts server $1 (relay|echo|node|node-seed: the same Node server), certificate files in directory $2.
# Our relay gets limits high enough never to throttle or refuse the benchmark's traffic, logs
# only warnings (no server logs per connection for any target), and the longest idle timeout
# (it pings a quiet connection once it has been silent for ~7/8 of it; the other servers do not ping at all).
server_command() {
  local target=$1 dir=$2
  case $target in
    relay) echo "$RELAY_BIN --address 127.0.0.1 --port 0 --threads 1 --cert $dir/cert.pem --key $dir/key.pem" \
                "--web-root $dir --state-dir $dir/state --log-level warn --rate 100000 --burst 100000" \
                "--max-connections 1000000 --max-connections-per-ip 1000000 --max-rooms 1000000" \
                "--max-handshakes 1000000 --max-handshakes-per-ip 1000000" \
                "--max-queued-messages 1000000 --idle-timeout 30" ;;
    echo) echo "$ECHO_BIN --address 127.0.0.1 --port 0 --threads 1 --cert $dir/cert.pem --key $dir/key.pem" ;;
    node|node-seed) echo "node $NODE_RELAY_DIR/server.js --address 127.0.0.1 --port 0 --cert $dir/cert.pem --key $dir/key.pem --static $dir" ;;
  esac
}

# Waits up to 15 s for process $1 to print line pattern $2 (sed, one \(group\)) into log $3; prints
# the group. Fails when the process exits or the time runs out. The caller empties the log before
# starting the process: the background child truncates it only later, so an earlier run's
# "listening on" line (another port) could be read first.
wait_for_log() {
  local pid=$1 pattern=$2 log=$3 found
  for _ in $(seq 150); do
    found=$(sed -n "s/$pattern/\\1/p" "$log" | head -n1)
    [ -n "$found" ] && { echo "$found"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Runs the word list $2 in the background with output to log $1 and waits for it to print
# "listening on 127.0.0.1:PORT"; sets LAUNCHED_PID (even on failure, to stop it) and LAUNCHED_PORT.
launch_listening() {
  local log=$1 command=$2
  : >"$log"  # see wait_for_log
  # shellcheck disable=SC2086  # the command is a word list we built ourselves
  $command >"$log" 2>&1 &
  LAUNCHED_PID=$!
  LAUNCHED_PORT=$(wait_for_log "$LAUNCHED_PID" '^listening on 127\.0\.0\.1:\([0-9]*\)$' "$log")
}

# Starts server $1 (or, for cluster, see start_cluster) with certificates in $2; sets SERVER_PID,
# SERVER_PORT and SERVER_COMMAND. Its output goes to $2/$1.log. Fails when it does not print
# "listening on 127.0.0.1:PORT" within 15 s.
start_server() {
  local target=$1 dir=$2 log=$2/$1.log failed=
  if [ "$target" = cluster ]; then start_cluster "$dir"; return; fi
  SERVER_COMMAND=$(server_command "$target" "$dir")
  launch_listening "$log" "$SERVER_COMMAND" || failed=1
  SERVER_PID=$LAUNCHED_PID SERVER_PORT=$LAUNCHED_PORT
  [ -z "$failed" ] && return 0
  echo "server $target did not start: $(cat "$log")" >&2
  return 1
}

# SIGTERM to the process whose pid variable is named $1, then waits for it and clears the variable.
stop_pid() {
  local name=$1
  [ -n "${!name:-}" ] || return 0
  kill -TERM "${!name}" 2>/dev/null || true
  wait "${!name}" 2>/dev/null || true
  printf -v "$name" ''
}

# Stops the server started last (SIGTERM, then waits for it); for the cluster all three processes.
stop_server() {
  stop_pid SERVER_B_PID
  stop_pid SERVER_PID
  stop_pid REDIS_PID
}

# A TCP port of 127.0.0.1 nothing listens on (chosen at random; redis-server needs a number).
free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

# Starts a throwaway redis-server (no persistence) on a free port of 127.0.0.1, log in $1/redis.log;
# sets REDIS_PID, REDIS_PORT and REDIS_COMMAND. The array keeps --save's empty argument intact.
start_redis() {
  local dir=$1 log=$1/redis.log
  REDIS_PORT=$(free_port) || { echo "no free port for redis-server" >&2; return 1; }
  local command=(redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no)
  REDIS_COMMAND=$(printf '%q ' "${command[@]}")
  REDIS_COMMAND=${REDIS_COMMAND% }
  : >"$log"  # see wait_for_log
  "${command[@]}" >"$log" 2>&1 &
  REDIS_PID=$!
  wait_for_log "$REDIS_PID" '.*\(Ready\) to accept connections.*' "$log" >/dev/null && return 0
  echo "redis-server did not start: $(cat "$log")" >&2
  return 1
}

# The cluster target: redis-server, then relays A and B (the relay target's flags plus --redis),
# certificates in $1. Sets SERVER_PID/SERVER_PORT (relay A: the offer side, sampled by
# --server-pid), SERVER_B_PID/SERVER_B_PORT (relay B: the answer side), and SERVER_COMMAND, all
# three commands, one "$ "-prefixed line each after the first, as commands.txt shows them.
# shellcheck disable=SC2034  # the SERVER_* it sets are read by run.sh
start_cluster() {
  local dir=$1 relay failed=
  start_redis "$dir" || return 1
  relay="$(server_command relay "$dir") --redis redis://127.0.0.1:$REDIS_PORT"
  SERVER_COMMAND="$REDIS_COMMAND"$'\n$ '"$relay"$'\n$ '"$relay"
  launch_listening "$dir/relay-a.log" "$relay" || failed=1
  SERVER_PID=$LAUNCHED_PID SERVER_PORT=$LAUNCHED_PORT
  [ -z "$failed" ] || { echo "relay A did not start: $(cat "$dir/relay-a.log")" >&2; return 1; }
  launch_listening "$dir/relay-b.log" "$relay" || failed=1
  SERVER_B_PID=$LAUNCHED_PID SERVER_B_PORT=$LAUNCHED_PORT
  [ -z "$failed" ] || { echo "relay B did not start: $(cat "$dir/relay-b.log")" >&2; return 1; }
}
