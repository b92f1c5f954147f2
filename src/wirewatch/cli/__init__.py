"""wirewatch.cli."""
