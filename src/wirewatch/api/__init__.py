"""wirewatch.api."""
