# Sourced by deploy/platform and deploy/bench: how a packaged service's JVM is started.
# - the full JIT (C2) for throughput; start-up is won back by the AppCDS archive the build writes
#   (quarkus.package.jar.appcds), used when it matches this JVM;
# - two malloc arenas instead of eight per core: glibc's spare arenas are most of a JVM's RSS beyond its heap.
# service_java <service dir>: the command, one word per line (read it with mapfile -t)
service_java() {
  local app="$1/target/quarkus-app"
  printf '%s\n' env MALLOC_ARENA_MAX=2 java -Xms64m -Xmx384m -XX:+UseSerialGC
  [[ -f $app/app-cds.jsa ]] && printf '%s\n' -XX:SharedArchiveFile="$app/app-cds.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
  printf '%s\n' -jar "$app/quarkus-run.jar"
}
