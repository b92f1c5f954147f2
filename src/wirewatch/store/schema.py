"""Tables of the wirewatch store (SQLAlchemy Core) and the migration runner.

The schema version lives in the ``wirewatch_meta`` table (``app`` = ``wirewatch``,
``schema_version`` = N). :data:`MIGRATIONS` lists every step from an empty database; opening
a store runs the missing ones (when asked) inside one transaction each.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

SCHEMA_VERSION = 1
APP_NAME = "wirewatch"

metadata = MetaData()


def _article_ref() -> Column[str]:
    """The article a per-article row belongs to (rows go when the article goes)."""
    return Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


meta = Table(
    "wirewatch_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # normalised content hash (content_id)
    Column("url", Text, unique=True),
    Column("ext_id", Text),  # the id the input gave (JSON Lines "id"), if any
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(10), index=True),
    Column("language", String(16)),
    Column("source", Text),  # where it came from: a path, URL, feed or JSONL line
    Column("ingested_at", Float, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_warnings", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("extraction", Text, nullable=False),  # the full Extraction JSON
)

article_events = Table(
    "article_events",
    metadata,
    Column("key", String(160), primary_key=True),  # "<article id>#<event id>"
    _article_ref(),
    Column("country_code", String(8)),
    Column("day", Integer),  # proleptic ordinal of the event date
    Column("fusable", Boolean, nullable=False),
    Column("fused_id", String(40), index=True),
    Column("data", Text, nullable=False),  # EventRecord JSON
    Index("ix_article_events_block", "country_code", "day"),
)

claims = Table(
    "claims",
    metadata,
    Column("key", String(160), primary_key=True),
    _article_ref(),
    Column("speaker", Text),
    Column("speaker_actor", Text),
    Column("content", Text, nullable=False),
    Column("data", Text, nullable=False),  # ClaimRecord JSON
)

control_assertions = Table(
    "control_assertions",
    metadata,
    Column("key", String(200), primary_key=True),
    _article_ref(),
    Column("place_key", String(200), nullable=False, index=True),
    Column("data", Text, nullable=False),  # ControlAssertion JSON
)

article_contradictions = Table(
    "article_contradictions",
    metadata,
    Column("key", String(200), primary_key=True),
    _article_ref(),
    Column("about", String(200), nullable=False, index=True),
    Column("data", Text, nullable=False),  # ContradictionRecord JSON
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("disorder_type", Text),
    Column("plover_type", String(16)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("actors", Text),  # every actor name, "|"-joined, for actor filters
    Column("place_name", Text),
    Column("geonameid", Integer, index=True),
    Column("country_code", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(10)),
    Column("day", Integer),
    Column("time_precision", Integer),
    Column("fat_best", Integer),
    Column("fat_acled", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False),
    Column("data", Text, nullable=False),  # FusedEvent JSON
    Index("ix_events_country_day", "country_code", "day"),
    Index("ix_events_day", "day"),
    Index("ix_events_type_day", "event_type", "day"),
    Index("ix_events_latlon", "lat", "lon"),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("event_key", String(160), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column(
        "event_id",
        String(40),
        ForeignKey("events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(16), nullable=False),
    Column("data", Text, nullable=False),  # ContradictionRecord JSON
)

control_intervals = Table(
    "control_intervals",
    metadata,
    Column("id", String(220), primary_key=True),  # "<place key>/<n>"
    Column("place_key", String(200), nullable=False, index=True),
    Column("place_name", Text),
    Column("geonameid", Integer),
    Column("country_code", String(8), index=True),
    Column("holder", Text),
    Column("since_day", Integer),
    Column("until_day", Integer),
    Column("status", String(16), nullable=False),
    Column("data", Text, nullable=False),  # ControlInterval JSON
)

# Tables whose rows are a pure function of the article-level tables (rebuilt by fuse()).
DERIVED_TABLES = (event_sources, contradictions, events, control_intervals)


def _create_v1(conn: Connection) -> None:
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text)")
        )
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE claims_fts USING fts5(claim_key UNINDEXED, speaker, content)"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin "
                "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
            )
        )
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_claims_fts ON claims USING gin "
                "(to_tsvector('simple', coalesce(speaker, '') || ' ' || content))"
            )
        )


# (version, description, step). Each step brings the schema from version-1 to version.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: articles, article events, claims, control, fused events, FTS", _create_v1),
]
