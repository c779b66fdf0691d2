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
