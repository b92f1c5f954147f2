"""User-facing errors and warning codes.

Every error a user can meet has a stable code and says how to fix it. Library code raises
:class:`WirewatchError` (or a subclass); only the CLI/API layers turn it into a message
and an exit status. Warning codes (recorded in ``Extraction.warnings``) are listed in
:data:`WARNING_CODES` so that the documentation can be checked against them.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """An error with a stable code and a hint on what to do about it."""

    code = "W000"

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(WirewatchError):
    """The input could not be read or is not an article we can process."""

    code = "W100"


class ConfigError(WirewatchError):
    """A setting or pipeline definition is invalid."""

    code = "W200"


class PipelineError(ConfigError):
    """A pipeline's stages do not form a valid chain (missing requirements)."""

    code = "W201"


class ResourceError(WirewatchError):
    """A model, gazetteer or knowledge file is missing or corrupt."""

    code = "W300"


class DataFileError(ResourceError):
    """A data file (gazetteer dump, actor file...) has an error at a given line."""

    code = "W301"

    def __init__(self, path: str, line: int | None, message: str, *, hint: str | None = None):
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.line = line


class StoreError(WirewatchError):
    """The database is unreachable, not ours, or of an unsupported schema version."""

    code = "W400"


# Warning codes that may appear in Extraction.warnings, with their meaning.
WARNING_CODES: dict[str, str] = {
    "empty_text": "The article has no text after cleaning; nothing was extracted.",
    "no_article": "The HTML page has no main article text that could be extracted.",
    "not_english": "The text does not look like English; extraction quality will be poor.",
    "truncated": "The text was longer than the max_chars setting and was cut.",
    "no_published_date": "No publication date: relative dates are left unresolved.",
    "bad_published_date": "The publication date could not be parsed or is implausible.",
    "binary_input": "The input looked like binary data, not text.",
    "decoding": "The input was not valid UTF-8; undecodable bytes were replaced.",
    "stage_failed": "A stage raised an error on this article; its layers are missing.",
    "stage_skipped": "A stage was skipped because a stage it depends on failed.",
    "long_sentence": "A very long sentence was not parsed (parse cap); events may be missed.",
    "date_fallback": "An event took the publication date because no date governed it.",
    "runaway_quote": "A quotation was unbalanced or too long and was cut.",
    "future_published": "The publication date lies in the future.",
    "time_unresolved": "Relative dates were left unresolved: no usable publication date.",
    "impossible_date": "The text names a date that does not exist (February 30); not normalised.",
}
