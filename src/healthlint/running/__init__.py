"""Running: configuration, files, the engine and its runner, cache, baseline, changes, fixes, suppressions and worker pools."""

# Set by the command line (healthlint.cli.run), whose process ends after its run. Rules loaded from
# the kept file (healthlint.running.compiled) then live as long as the process, and gc.freeze()
# leaves them (and everything alive then) out of every later collection, which would otherwise scan
# their tens of thousands of objects (~5 ms of a one-file run). Never for a library caller: what it
# has alive then would never be collected as a cycle.
ENDS_AFTER_ONE_RUN = False
