#!/usr/bin/env bash
# tests/xsync_oracle.sh FILE: runs a Go program importing golang.org/x/sync/{errgroup,semaphore,singleflight} with real Go:
# errgroup and semaphore from the x/sync copy vendored in Go's distribution, singleflight from
# gol's stdlib source (a Go copy), as the earlier expectations were produced.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
go=$("$repo/../shared/tools/go-oracle" --go)
cache=${HOME}/.cache/gol-go-oracle
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GOCACHE=$cache/gocache GOPATH=$cache/gopath
groot=$("$go" env GOROOT)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/xsync"
cp -r "$groot/src/cmd/vendor/golang.org/x/sync/." "$work/xsync/"
mkdir -p "$work/xsync/singleflight"
cp "$repo/stdlib/golang.org/x/sync/singleflight/singleflight.gol" "$work/xsync/singleflight/singleflight.go"
(cd "$work/xsync" && printf 'module golang.org/x/sync\n\ngo 1.22\n' > go.mod)
mkdir -p "$work/app"; cp "$1" "$work/app/main.go"
(cd "$work/app" && printf 'module app\n\ngo 1.23\n\nrequire golang.org/x/sync v0.0.0\n\nreplace golang.org/x/sync => ../xsync\n' > go.mod && "$go" build -o prog . ) || exit 1
set +e
"$work/app/prog"
