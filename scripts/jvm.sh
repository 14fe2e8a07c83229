# The services' JVM, its options and their class archives, for scripts/services.sh (make run) and bench/suite.sh,
# so that the benchmark measures what make run starts. Sourced; ROOT set by the caller.
#
# The heap's 128 MB hold the largest live set after the write load (ordering's, ~65 MB) with room; with 512 KB
# stacks, two malloc arenas and freed C heap given back every 5 s, each service stays near 300 MB resident.
# ParallelGC: on two cores it replays 25% faster than SerialGC in the same heap (bench/replay.sh), and SerialGC
# was no smaller after the write load; a JVM out of memory exits (and is seen as stopped) rather than limping on.
JAVA_OPTS=${JAVA_OPTS:--Xms32m -Xmx128m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xss512k -XX:TrimNativeHeapInterval=5000}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# A JDK 25 when one is installed: with its AOT cache a service starts on a third of the CPU a bare JDK 17 needs
# (a CDS archive on JDK 17: half). Else the java on the PATH. SERVICE_JAVA=path/to/java chooses.
if [ -z "${SERVICE_JAVA:-}" ]; then
  SERVICE_JAVA=java
  for jdk in /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*; do
    if [ -x "$jdk/bin/java" ]; then SERVICE_JAVA=$jdk/bin/java; break; fi
  done
fi
ARCHIVE_DIR=${ARCHIVE_DIR:-$ROOT/.run/cache}

# A module's class archive, made once per build of its jar (and per JVM and JAVA_OPTS) in ARCHIVE_DIR/MODULE: the
# jar extracted, then a training run that loads the classes a start loads and exits once the application context
# is refreshed (before the web server and the event processors start): an AOT cache on JDK 25, a CDS archive on
# JDK 17. It needs what a start needs (PostgreSQL, Redis, RabbitMQ, the same arguments); when it fails there is
# no archive and the service starts from its jar.
jar_path() { echo "$ROOT/$1/target/$1.jar"; }
archive_stamp() { echo "$(stat -c '%s %Y' "$(jar_path "$1")" 2>/dev/null) $SERVICE_JAVA $JAVA_OPTS"; }
archived() { [ "$(cat "$ARCHIVE_DIR/$1/stamp" 2>/dev/null)" = "$(archive_stamp "$1")" ]; }
train() { # train MODULE [ARGUMENTS OF THE SERVICE...]: 0 if the archive was made
  local module=$1 dir=$ARCHIVE_DIR/$1 new=$ARCHIVE_DIR/$1.new.$$; shift
  local output=(-XX:ArchiveClassesAtExit="$new/app.jsa") file=$new/app.jsa
  if "$SERVICE_JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
    output=(-XX:AOTCacheOutput="$new/app.aot"); file=$new/app.aot
  fi
  rm -rf "$new"; mkdir -p "$new"
  # shellcheck disable=SC2086
  if java -Djarmode=tools -jar "$(jar_path "$module")" extract --destination "$new/app" >"$new/training.log" 2>&1 &&
    timeout 600 "$SERVICE_JAVA" $JAVA_OPTS "${output[@]}" -Dspring.context.exit=onRefresh \
      -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true -jar "$new/app/$module.jar" "$@" \
      >>"$new/training.log" 2>&1 && [ -s "$file" ]; then
    archive_stamp "$module" >"$new/stamp"
    rm -rf "$dir" && mv "$new" "$dir"
  else
    rm -rf "$dir" "$dir.failed" && mv "$new" "$dir.failed"
    echo "no class archive for $module (see $dir.failed/training.log): it starts from its jar" >&2
    return 1
  fi
}
# the JVM options and jar a module starts with: its archive's when it has a current one
launch_args() { # launch_args MODULE
  local dir=$ARCHIVE_DIR/$1
  if archived "$1" && [ -s "$dir/app.aot" ]; then echo "-XX:AOTCache=$dir/app.aot -jar $dir/app/$1.jar"
  elif archived "$1" && [ -s "$dir/app.jsa" ]; then echo "-XX:SharedArchiveFile=$dir/app.jsa -jar $dir/app/$1.jar"
  else echo "-jar $(jar_path "$1")"; fi
}
