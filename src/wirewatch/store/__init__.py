"""wirewatch.store."""
