"""The build around the stages: inputs and fingerprints, cache, worker pool, pipeline, output sync, serve."""
