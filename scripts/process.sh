#!/usr/bin/env bash
# Starting and stopping the server from scripts (test.sh, bench/*.sh). Source it; it defines functions only.

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A random 24-character password of letters and digits.
gen_password() {
  head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c 1-24
}

# Stops process $1: SIGTERM, up to 5 s to finish, then SIGKILL; reaps it when it is our child.
stop_process() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Waits up to 60 s for $1 (a URL, e.g. http://127.0.0.1:PORT/healthz) to answer 2xx while process $2 lives.
wait_until_healthy() {
  local url="$1" pid="$2"
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
