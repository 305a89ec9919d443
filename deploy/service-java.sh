# Sourced by every script that builds or runs Java (deploy/platform, deploy/bench, deploy/faults,
# deploy/checks, deploy/e2e): which JDK, and how a packaged service's JVM is started.

# The project compiles and runs on Java 25 (platform.md). Sourcing this file finds a JDK 25+ —
# $JAVA_HOME if it is one, else the Temurin 25 these machines carry, else any JDK 25+ under
# /usr/lib/jvm — and puts it first on PATH for the script and the Maven wrapper; without one it
# stops, naming what is missing.
civic_jdk_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }  # no JVM start
civic_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -n $candidate && -x $candidate/bin/java && -x $candidate/bin/javac ]] || continue
    local major; major="$(civic_jdk_major "$candidate")"
    [[ -n $major && $major -ge 25 ]] && { echo "$candidate"; return 0; }
  done
  return 1
}
if ! JAVA_HOME="$(civic_find_jdk)"; then
  printf '\033[31mNo JDK 25 found: this project builds and runs on Java 25 (JAVA_HOME=%s is not one, nor is anything under /usr/lib/jvm).\nInstall Temurin 25 (https://adoptium.net/installation/linux/: apt-get install temurin-25-jdk from the Adoptium repository) or point JAVA_HOME at a JDK 25, then run the same command again.\033[0m\n' \
    "${JAVA_HOME:-unset}" >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

# How a packaged service's JVM is started:
# - the flags of the root pom's civic.service.jvm (serial GC, compact object headers, heap bounds) — the
#   same flags the build's training run used, or the JVM refuses the AOT cache;
# - the full JIT (C2) for throughput; start-up is won by the AOT cache (Project Leyden) the build records
#   while the service's integration tests drive its API (quarkus.package.jar.aot), target/quarkus-app/app.aot;
# - two malloc arenas instead of eight per core: glibc's spare arenas are most of a JVM's RSS beyond its heap.
civic_service_jvm_flags() {
  sed -n 's:.*<civic.service.jvm>\(.*\)</civic.service.jvm>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/../pom.xml"
}
# service_java <service dir>: the command, one word per line (read it with mapfile -t)
service_java() {
  local app="$1/target/quarkus-app"
  printf '%s\n' env MALLOC_ARENA_MAX=2 java
  civic_service_jvm_flags | tr ' ' '\n'
  [[ -f $app/app.aot ]] && printf '%s\n' -XX:AOTCache="$app/app.aot"
  printf '%s\n' -jar "$app/quarkus-run.jar"
}
