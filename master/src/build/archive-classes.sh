#!/usr/bin/env bash
# Package step: a training run of a real master and worker (TrainingRun) lists the classes each
# loads; each list is dumped into a class-data-sharing archive of its own, master.jsa and
# worker.jsa, which scripts/corral and the master's workers use. The class path must be spelled
# as scripts/corral spells it (sorted absolute jar paths), or the JVM ignores the archives.
# Without archives Corral still runs, only slower to start: a failure here warns, never fails.
set -uo pipefail
dist="$1"
cp="$(ls "$dist"/lib/*.jar | sort | paste -sd:)"
rm -f "$dist"/*.jsa "$dist"/*.lst "$dist"/*-archive.log
rm -rf "$dist/native"

# Netty loads its epoll library from java.library.path before it copies the one inside its jar to
# a temporary file and loads that: one copy made here saves every master and worker JVM about
# 10 ms of start-up. Made from the very jar on the class path, so the two cannot disagree.
# The same for netty-tcnative's OpenSSL (BoringSSL), loaded when TLS is on.
for native_jar in "$dist"/lib/netty-transport-native-epoll-*-linux-x86_64.jar \
                  "$dist"/lib/netty-tcnative-boringssl-static-*-linux-x86_64.jar; do
  [[ -f "$native_jar" ]] || continue
  mkdir -p "$dist/native/unpacked"
  if (cd "$dist/native/unpacked" && jar xf "$native_jar" META-INF/native) \
      && mv "$dist"/native/unpacked/META-INF/native/*.so "$dist/native/"; then
    rm -rf "$dist/native/unpacked"
  else
    echo "corral: could not unpack the native library of $(basename "$native_jar"); each JVM will copy it at start" >&2
  fi
done
rm -rf "$dist/native/unpacked"

give_up() {
  echo "corral: no class archives ($1); workers will start slower" >&2
  rm -f "$dist"/*.jsa "$dist"/*.lst
  exit 0
}

java -Xshare:off -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  dev.corral.master.archive.TrainingRun "$dist" || give_up "the training run failed"
for role in master worker; do
  # Dumped with the collector both roles run with by default; the dump log is kept for when it fails.
  java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$dist/$role.lst" \
    -XX:SharedArchiveFile="$dist/$role.jsa" -cp "$cp" > "$dist/$role-archive.log" 2>&1 \
    || give_up "dumping the $role archive failed; see $dist/$role-archive.log"
  rm -f "$dist/$role.lst" "$dist/$role-archive.log"
done
