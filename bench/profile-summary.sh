#!/usr/bin/env bash
# Sums up a CPU profile in async-profiler's collapsed format ("frame;frame;...;leaf SAMPLES" a line): each
# sample counted once, for the library its innermost frame of a known library belongs to (a JSON write called
# from our code counts as Jackson, the driver under Axon's event store as PostgreSQL), the JVM's own threads
# (JIT compiler, GC) apart; then the frames that take most samples themselves.
#   bench/profile-summary.sh FILE.collapsed [TITLE]
set -euo pipefail
file=$1 title=${2:-$(basename "$1" .collapsed)}
awk -v title="$title" '
  function library(stack,    frames, n, i, f) {
    if (stack ~ /CompileBroker|C2Compiler|C1Compiler|Compilation::/) return "JVM: JIT compiler"
    if (stack ~ /GCTaskThread|PSScavenge|PSParallelCompact|ParallelScavengeHeap|GangWorker|WorkerThread::run|G1|SerialHeap/) return "JVM: GC"
    n = split(stack, frames, ";")
    for (i = n; i >= 1; i--) {
      f = frames[i]
      if (f ~ /^org[\/.]postgresql/) return "PostgreSQL driver"
      if (f ~ /^com[\/.]zaxxer[\/.]hikari/) return "HikariCP"
      if (f ~ /^(com[\/.]fasterxml|tools[\/.]jackson)/) return "Jackson"
      if (f ~ /^org[\/.]springframework[\/.]security/) return "Spring Security"
      if (f ~ /^(io[\/.]micrometer|io[\/.]opentelemetry)/) return "metrics and tracing"
      if (f ~ /^(ch[\/.]qos[\/.]logback|org[\/.]slf4j|net[\/.]logstash)/) return "logging"
      if (f ~ /^(com[\/.]rabbitmq|org[\/.]springframework[\/.]amqp)/) return "RabbitMQ client"
      if (f ~ /^(io[\/.]lettuce|io[\/.]netty|org[\/.]springframework[\/.]data[\/.]redis)/) return "Redis client"
      if (f ~ /^org[\/.]axonframework/) return "Axon"
      if (f ~ /^(io[\/.]jsonwebtoken|sun[\/.]security|java[\/.]security|com[\/.]password4j|org[\/.]bouncycastle)/) return "JWT and crypto"
      if (f ~ /^(org[\/.]apache[\/.](catalina|coyote|tomcat))/) return "Tomcat"
      if (f ~ /^org[\/.]flywaydb/) return "Flyway"
      if (f ~ /^(org[\/.]hibernate|jakarta[\/.]persistence)/) return "Hibernate"
      if (f ~ /^org[\/.]springframework[\/.](web|http)/) return "Spring MVC"
      if (f ~ /^org[\/.]springframework/) return "Spring (other)"
      if (f ~ /^dev[\/.]eventcommerce/) return "the services own code"
      if (f ~ /^com[\/.]github[\/.]benmanes/) return "Caffeine"
    }
    return "JDK and native (not below a known library)"
  }
  {
    samples = $NF; stack = $0; sub(/ [0-9]+$/, "", stack)
    total += samples; by[library(stack)] += samples
    n = split(stack, frames, ";"); self[frames[n]] += samples
  }
  END {
    if (total == 0) { printf "%s: no samples\n", title; exit }
    printf "%s: %d samples (ms of CPU)\n", title, total
    for (k in by) printf "  %5.1f%%  %s\n", 100 * by[k] / total, k | "sort -rn"
    close("sort -rn")
    print "  hottest frames (self):"
    for (k in self) printf "  %5.1f%%  %s\n", 100 * self[k] / total, substr(k, 1, 110) | "sort -rn | head -n 8"
    close("sort -rn | head -n 8")
  }' "$file"
