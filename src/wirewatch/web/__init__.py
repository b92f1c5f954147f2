"""wirewatch.web."""
