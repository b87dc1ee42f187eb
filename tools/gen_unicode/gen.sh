#!/bin/sh
# Regenerates src/stdlib/natives/unicode.dat and stdlib/unicode/tables.gol from the Go
# toolchain's own unicode package (main.go says what each holds). Rerun it when gol follows a
# new Go release, after tools/goapi/gen.sh. Needs ../shared/tools/go-oracle (or GO=/path/to/go).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
GO=${GO:-$("$root/../shared/tools/go-oracle" --go)}
cd "$root/tools/gen_unicode"
GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off "$GO" run . "$root/src/stdlib/api/std.txt" \
	"$root/src/stdlib/natives/unicode.dat" "$root/stdlib/unicode/tables.gol"
echo "wrote src/stdlib/natives/unicode.dat ($(wc -c < "$root/src/stdlib/natives/unicode.dat") bytes), stdlib/unicode/tables.gol"
