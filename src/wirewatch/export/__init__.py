"""wirewatch.export."""
