#!/usr/bin/env bash
# Package step: a training run of master and worker start-up, dumped into a class-data-sharing
# archive that scripts/corral and the master's workers use. The class path must be spelled as
# scripts/corral spells it (sorted absolute jar paths), or the JVM ignores the archive.
set -euo pipefail
dist="$1"
cp="$(ls "$dist"/lib/*.jar | sort | paste -sd:)"
rm -f "$dist/corral.jsa"
java -Xshare:auto -XX:ArchiveClassesAtExit="$dist/corral.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" dev.corral.master.archive.TrainingRun
