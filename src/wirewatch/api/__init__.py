"""wirewatch.api: the REST API and web map over a store (``create_app``)."""

from wirewatch.api.app import create_app
from wirewatch.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
