"""wirewatch.eval."""
