"""wirewatch.batch."""
