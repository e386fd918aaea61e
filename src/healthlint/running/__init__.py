"""Running: configuration, files, the engine and its runner, cache, baseline, changes, fixes, suppressions and worker pools."""
