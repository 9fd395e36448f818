#!/bin/bash
# A noisy neighbour for the CPU-bound load scenario: one busy loop at nice 3, on for 2-5 s, then off for 3-9 s,
# until killed (the pattern is seeded, so every run sees the same one). Next to PostgreSQL on 2 cores it takes
# a share of a core that shrinks as more backends run, so the database slows down for seconds at a time, as
# other work on a shared machine makes it do. See docs/scenarios.md, "A noisy neighbour".
#   benchmarks/noisy-neighbour.sh & java -cp benchmarks/target/benchmarks.jar \
#       io.github.poolpilot.benchmarks.scenario.ScenarioRunner --only=cpu-bound --contenders=poolpilot; kill %1
RANDOM=42
while :; do
  on=$((2 + RANDOM % 4)); off=$((3 + RANDOM % 7))
  timeout "$on" nice -n 3 bash -c 'while :; do :; done'
  sleep "$off"
done
