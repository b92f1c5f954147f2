"""A pipeline of declared stages over one :class:`~wirewatch.document.Document`.

Each stage is registered with :func:`stage`, declaring the layers it **requires** and the
layers it **assigns**. Building a :class:`Pipeline` checks the chain before anything runs.
When a stage fails on one article, the failure is recorded as a ``stage_failed`` warning,
stages that depend on it are skipped with ``stage_skipped``, and the batch goes on.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from wirewatch.document import Document, parse_many
from wirewatch.errors import PipelineError, ResourceError
from wirewatch.settings import Settings

log = logging.getLogger(__name__)

StageFn = Callable[[Document], None]
R = TypeVar("R")

# Layers a stage may require or assign. "text" is the cleaned article text.
LAYERS = (
    "text",
    "sentences",
    "tokens",
    "entities",
    "places",
    "times",
    "actors",
    "quantities",
    "claims",
    "events",
    "control",
    "contradictions",
)

# The default order of the pipeline (DESIGN.md §2). Modules are imported on demand so
# that a stage's heavy dependencies load only when it is used.
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "annotate",
    "geoparse",
    "normalize_dates",
    "link_actors",
    "measure_quantities",
    "attribute_claims",
    "code_events",
    "derive_control",
    "find_contradictions",
)

STAGE_MODULES: dict[str, str] = {
    "clean": "wirewatch.stages.clean",
    "annotate": "wirewatch.stages.annotate",
    "geoparse": "wirewatch.stages.geoparse",
    "normalize_dates": "wirewatch.stages.normalize_dates",
    "link_actors": "wirewatch.stages.link_actors",
    "measure_quantities": "wirewatch.stages.measure_quantities",
    "attribute_claims": "wirewatch.stages.attribute_claims",
    "code_events": "wirewatch.stages.code_events",
    "derive_control": "wirewatch.stages.derive_control",
    "find_contradictions": "wirewatch.stages.find_contradictions",
}


class Resources:
    """Shared heavy resources (NLP model, gazetteer, knowledge bases), loaded once.

    A stage asks for a resource by name with a loader; the first call loads it and later
    calls reuse it. Tests inject small stand-ins with :meth:`provide`.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._items: dict[str, Any] = {}

    def get(self, name: str, loader: Callable[[Settings], R]) -> R:
        """Return the resource ``name``, loading it with ``loader(settings)`` on first use."""
        if name not in self._items:
            log.debug("loading resource %s", name)
            self._items[name] = loader(self.settings)
        return self._items[name]  # type: ignore[no-any-return, unused-ignore]

    def provide(self, name: str, value: Any) -> None:
        """Use ``value`` as the resource ``name`` (for tests and embedding)."""
        self._items[name] = value

    def loaded(self) -> list[str]:
        """Names of the resources loaded so far."""
        return sorted(self._items)


StageFactory = Callable[[Settings, Resources], StageFn]


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A registered stage: its name, contract and factory."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: StageFactory
    doc: str


_REGISTRY: dict[str, StageSpec] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory ``factory(settings, resources) -> fn(document)``."""
    req, asg = tuple(requires), tuple(assigns)
    for layer in (*req, *asg):
        if layer not in LAYERS:
            raise PipelineError(f"stage {name!r} names unknown layer {layer!r}")

    def register(factory: StageFactory) -> StageFactory:
        doc = (factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else ""
        _REGISTRY[name] = StageSpec(name, req, asg, factory, doc)
        return factory

    return register


def get_stage(name: str) -> StageSpec:
    """Look up a stage by name, importing its module when needed."""
    if name not in _REGISTRY and name in STAGE_MODULES:
        importlib.import_module(STAGE_MODULES[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(STAGE_MODULES)))
        raise PipelineError(f"unknown stage {name!r}", hint=f"known stages: {known}") from None


def check_chain(specs: Iterable[StageSpec]) -> None:
    """Raise :class:`PipelineError` unless every stage's requirements come before it."""
    have: set[str] = set()
    for spec in specs:
        missing = [layer for layer in spec.requires if layer not in have]
        if missing:
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(missing)}, "
                "which no earlier stage assigns",
                hint="add the stage that assigns it earlier in the pipeline",
            )
        have.update(spec.assigns)


class Pipeline:
    """An ordered, checked list of stages, built once and run on many documents."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        stages: Iterable[str] | None = None,
        resources: Resources | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.resources = resources or Resources(self.settings)
        names = tuple(stages or self.settings.stages or DEFAULT_STAGES)
        self.specs = [get_stage(n) for n in names]
        check_chain(self.specs)
        self._fns: list[StageFn] | None = None

    @property
    def names(self) -> list[str]:
        """Names of the stages, in order."""
        return [s.name for s in self.specs]

    def load(self) -> Pipeline:
        """Instantiate every stage (loading models and indexes) now rather than lazily."""
        if self._fns is None:
            fns = []
            for spec in self.specs:
                try:
                    fns.append(spec.factory(self.settings, self.resources))
                except ResourceError:
                    raise
                except Exception as exc:  # a stage that cannot start is a resource problem
                    raise ResourceError(
                        f"stage {spec.name!r} could not be loaded: {exc}",
                        hint="run 'wirewatch info' to check the installation",
                    ) from exc
            self._fns = fns
        return self

    def run(self, doc: Document) -> Document:
        """Run every stage on ``doc``; one stage's failure never stops the document."""
        return self.run_batch([doc])[0]

    def run_batch(self, docs: list[Document]) -> list[Document]:
        """Run every stage over a batch of documents, stage by stage.

        A stage function with a ``batch`` attribute (e.g. the annotate stage, which feeds
        spaCy's ``nlp.pipe``) gets the whole batch at once; if it fails, the batch falls back
        to one document at a time so that one bad article cannot spoil the others. Other
        stages run document by document; one with a ``wants`` attribute (document ->
        sentence indices it will parse) first gets those sentences of the whole batch
        parsed in shared spaCy batches (:func:`prefetch_parses`).
        """
        self.load()
        assert self._fns is not None  # set by load(); narrows the type for mypy
        failed: dict[int, set[str]] = {id(d): set() for d in docs}
        for spec, fn in zip(self.specs, self._fns, strict=True):
            ready = [d for d in docs if self._ready(spec, d, failed[id(d)])]
            batch_fn = getattr(fn, "batch", None)
            if batch_fn is not None and len(ready) > 1:
                try:
                    batch_fn(ready)
                except Exception as exc:  # retry one by one below
                    log.info("batch of %s failed (%s); retrying per document", spec.name, exc)
                else:
                    for d in ready:
                        d.assigned.update(spec.assigns)
                    continue
            wants = getattr(fn, "wants", None)
            if wants is not None and len(ready) > 1:
                prefetch_parses(wants, ready)
            for d in ready:
                try:
                    fn(d)
                except Exception as exc:  # recorded per article; the batch must go on
                    log.warning("stage %s failed on %s: %s", spec.name, d.article.id, exc)
                    d.warn("stage_failed", f"{spec.name}: {type(exc).__name__}: {exc}")
                    failed[id(d)].update(spec.assigns)
                    continue
                d.assigned.update(spec.assigns)
        return docs

    @staticmethod
    def _ready(spec: StageSpec, doc: Document, failed: set[str]) -> bool:
        if doc.user_data.get("stop"):  # e.g. empty text: nothing to do, nothing to warn
            return False
        blocked = [layer for layer in spec.requires if layer in failed]
        if blocked:
            doc.warn(
                "stage_skipped",
                f"{spec.name} skipped: it needs {', '.join(blocked)}, which failed",
            )
            failed.update(spec.assigns)
            return False
        return True

    def run_many(
        self, docs: Iterable[Document], *, batch_size: int | None = None
    ) -> Iterator[Document]:
        """Run the pipeline over a stream of documents in batches, keeping their order."""
        size = max(1, batch_size or self.settings.batch_size)
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= size:
                yield from self.run_batch(chunk)
                chunk = []
        if chunk:
            yield from self.run_batch(chunk)


def prefetch_parses(wants: Callable[[Document], Iterable[int]], docs: Sequence[Document]) -> None:
    """Parse the sentences ``wants`` names for each document, across documents at once.

    spaCy tags and parses one stream of sentences from many articles markedly faster than
    many small per-article batches (see docs/benchmarks.md), but a stage asks for parses
    inside its per-document code. A stage that can say beforehand which sentences it will
    parse (cheaply: e.g. those holding a trigger word) sets ``run.wants``; the pipeline
    calls it on every document of the batch and fills their parse caches in one stream.
    Nothing here can fail a document: on any error the stage parses lazily as before
    and meets the error itself.
    """
    requests: list[tuple[Document, list[int]]] = []
    for d in docs:
        if d.parser is None:
            continue
        try:
            requests.append((d, sorted(set(wants(d)))))
        except Exception:  # the stage will meet (and report) the problem itself
            log.debug("parse prefetch skipped for %s", d.article.id, exc_info=True)
    _parse_requests(requests)


def _parse_requests(requests: list[tuple[Document, list[int]]]) -> None:
    """Serve parse requests in one batch; if that fails, one by one, skipping failures."""
    try:
        parse_many(requests)
        return
    except Exception:  # find the request at fault: the others must still be served
        log.debug("batched parse failed; parsing request by request", exc_info=True)
    for doc, missing in requests:
        try:
            parse_many([(doc, missing)])
        except Exception:  # left for the stage, which parses again and reports it
            log.debug("parse prefetch failed for %s", doc.article.id, exc_info=True)


def registered_stages() -> list[StageSpec]:
    """Every known stage (importing all default stage modules), for docs and ``info``."""
    for name in STAGE_MODULES:
        try:
            get_stage(name)
        except PipelineError:
            continue
    return [_REGISTRY[n] for n in _REGISTRY]
