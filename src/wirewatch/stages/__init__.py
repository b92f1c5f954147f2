"""Pipeline stages, one module per stage, each named by its verb."""
