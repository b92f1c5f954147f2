"""wirewatch.gazetteer."""
