"""wirewatch.fuse."""
