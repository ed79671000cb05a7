#!/usr/bin/env bash
# Makes sure redis-server and redis-cli are installed; installs them with apt
# when it can. It only installs: whether a Redis is running is run.sh's
# business, so this works the same with or without systemd.
set -euo pipefail

if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
	exit 0
fi

install_cmd="apt-get update && apt-get install -y redis-server"
if ! command -v apt-get >/dev/null; then
	echo "redis-server and redis-cli are required; install Redis 7 with your package manager (Debian: $install_cmd)" >&2
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null; then
	sudo=(sudo)
else
	echo "redis-server and redis-cli are required; as root run: $install_cmd" >&2
	exit 1
fi

echo "installing redis-server (provides redis-cli) with apt-get ..." >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null

# The package may start its own service on 6379 where systemd runs; nothing
# here relies on that, and tests never touch it.
command -v redis-server >/dev/null && command -v redis-cli >/dev/null
