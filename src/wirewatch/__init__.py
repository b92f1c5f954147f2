"""wirewatch: news reports about armed conflict → a sourced, geolocated event database."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from wirewatch.document import Document
from wirewatch.extract import default_pipeline, extract, extract_many
from wirewatch.model import Extraction
from wirewatch.pipeline import Pipeline, Resources
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle

try:
    __version__ = version("wirewatch")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = [
    "Document",
    "Extraction",
    "Pipeline",
    "RawArticle",
    "Resources",
    "Settings",
    "__version__",
    "default_pipeline",
    "extract",
    "extract_many",
]
