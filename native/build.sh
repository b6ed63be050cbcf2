#!/usr/bin/env bash
# Builds remedy's native executable (target/remedy-*-runner).
#
#   native/build.sh            PostgreSQL build (production, the container images)
#   native/build.sh --h2       embedded H2 build
#   native/build.sh -- ARGS    extra Maven arguments, e.g. -- -DskipTests=false
#
# Uses, in this order: a local GraalVM/Mandrel (native-image on PATH, or $GRAALVM_HOME), else a
# container engine (docker or podman) with the Mandrel builder image. Set REMEDY_NATIVE_BUILDER
# to "local" or "container" to choose.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/.."

# The builder image for container builds: Mandrel for JDK 21, as docker/Dockerfile.native uses.
# MVNW: the Maven command (the tests replace it).
MVNW="${MVNW:-./mvnw}"
BUILDER_IMAGE="${REMEDY_BUILDER_IMAGE:-quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-21}"
profile=(-Ppostgresql)
extra=()

while [ $# -gt 0 ]; do
  case "$1" in
    --h2) profile=() ;;
    --postgresql) profile=(-Ppostgresql) ;;
    -h | --help) sed -n '2,10p' "$self"; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

local_native_image() {
  if command -v native-image >/dev/null 2>&1; then
    return 0
  fi
  if [ -n "${GRAALVM_HOME:-}" ] && [ -x "$GRAALVM_HOME/bin/native-image" ]; then
    export PATH="$GRAALVM_HOME/bin:$PATH"
    return 0
  fi
  return 1
}

container_engine() {
  local engine
  for engine in docker podman; do
    if command -v "$engine" >/dev/null 2>&1; then
      echo "$engine"
      return 0
    fi
  done
  return 1
}

mode="${REMEDY_NATIVE_BUILDER:-}"
if [ -z "$mode" ]; then
  if local_native_image; then
    mode=local
  elif container_engine >/dev/null; then
    mode=container
  else
    cat >&2 <<'MSG'
native/build.sh: cannot build a native image here: no native-image (GraalVM or Mandrel for JDK 21+:
put its bin/ on PATH or set GRAALVM_HOME) and no docker or podman for a container build.
Without either, ./mvnw package -Dnative -Dquarkus.native.sources-only=true still checks the build
and writes the native-image inputs to target/native-sources/.
MSG
    exit 1
  fi
fi

args=(-B --no-transfer-progress package -Dnative -DskipTests "${profile[@]}")
case "$mode" in
  local)
    local_native_image || { echo "REMEDY_NATIVE_BUILDER=local but no native-image found" >&2; exit 1; }
    echo "==> native build with $(command -v native-image)"
    ;;
  container)
    engine="$(container_engine)" || { echo "REMEDY_NATIVE_BUILDER=container but no docker/podman" >&2; exit 1; }
    echo "==> native build in $BUILDER_IMAGE with $engine"
    args+=(-Dquarkus.native.container-build=true
      "-Dquarkus.native.container-runtime=$engine"
      "-Dquarkus.native.builder-image=$BUILDER_IMAGE")
    ;;
  *) echo "REMEDY_NATIVE_BUILDER must be local or container, not '$mode'" >&2; exit 2 ;;
esac

"$MVNW" "${args[@]}" "${extra[@]}"
for runner in target/*-runner; do
  if [ -e "$runner" ]; then echo "==> built $runner"; fi
done
