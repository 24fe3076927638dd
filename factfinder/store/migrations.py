"""Numbered schema migrations. Append new ones; never edit a migration that has shipped.

Fact tables share one shape: a stable text id (``<report_id>:<kind>:<n>``), the report and the
character span it came from, a few indexed columns for queries, the extractor that made it, and the
full record as JSON in ``data`` (so records can grow without a migration per field).
"""

from __future__ import annotations

FACT_COLUMNS = """
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    extractor TEXT NOT NULL,
    data TEXT NOT NULL
"""

M001 = f"""
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    url TEXT,
    outlet TEXT,
    published TEXT,
    dateline TEXT,
    title TEXT,
    text TEXT NOT NULL,
    raw_sha256 TEXT,
    captured_at TEXT,
    language TEXT,
    source TEXT,
    story_label TEXT,
    ingested_at TEXT NOT NULL,
    versions TEXT NOT NULL
);
CREATE INDEX reports_published ON reports(published);
CREATE INDEX reports_outlet ON reports(outlet);

-- The original bytes of every stored input, by sha256 (one copy however many reports share it).
CREATE TABLE originals (
    raw_sha256 TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
);

CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', content_rowid='rowid');
CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE mentions ({FACT_COLUMNS}, label TEXT, actor_id TEXT);
CREATE INDEX mentions_report ON mentions(report_id);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    extractor TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX actors_canonical ON actors(canonical);
CREATE INDEX actors_report ON actors(report_id);

CREATE TABLE dates ({FACT_COLUMNS}, value TEXT, precision TEXT);
CREATE INDEX dates_report ON dates(report_id);
CREATE TABLE places ({FACT_COLUMNS}, role TEXT, name TEXT, country TEXT, lat REAL, lon REAL);
CREATE INDEX places_report ON places(report_id);
CREATE TABLE magnitudes ({FACT_COLUMNS}, quantity REAL, qualifier TEXT, unit TEXT);
CREATE INDEX magnitudes_report ON magnitudes(report_id);
CREATE TABLE quotes ({FACT_COLUMNS}, speaker TEXT, cue TEXT, direct INTEGER);
CREATE INDEX quotes_report ON quotes(report_id);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE claims ({FACT_COLUMNS}, kind TEXT, label TEXT, asserted_by TEXT);
CREATE INDEX claims_report ON claims(report_id);
CREATE TABLE events (
    {FACT_COLUMNS},
    plover TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    sources TEXT,
    targets TEXT,
    source_countries TEXT,
    target_countries TEXT,
    date TEXT,
    place TEXT,
    asserted_by TEXT,
    negated INTEGER,
    modality TEXT,
    confidence REAL
);
CREATE INDEX events_report ON events(report_id);
CREATE INDEX events_type ON events(plover);
CREATE INDEX events_date ON events(date);

-- Inputs that could not be ingested or analysed, and why. Keyed so a re-run adds nothing.
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    raw_sha256 TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE(source, stage, message)
);

-- One row per ingest command: the completeness report, so nothing goes missing silently.
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    inputs TEXT NOT NULL,
    summary TEXT
);
"""

M002 = """
-- Accounts for the web app and API. Tokens are stored only as argon2 hashes.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    token_hash TEXT NOT NULL,
    token_prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_token_prefix ON users(token_prefix);

-- Append-only audit trail of human decisions: never updated, never deleted.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,          -- accept/reject/amend/create/...
    target_table TEXT NOT NULL,    -- events/quotes/legal_mappings/...
    target_id TEXT NOT NULL,
    before TEXT,                   -- JSON
    after TEXT,                    -- JSON
    why TEXT
);
CREATE INDEX audit_target ON audit(target_table, target_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- The current review state of a fact, derived from its latest audit row (kept for fast filtering).
CREATE TABLE reviews (
    target_table TEXT NOT NULL,
    target_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'amended')),
    value TEXT,                    -- JSON of the amended record, when amended
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    PRIMARY KEY (target_table, target_id)
);
"""

M003 = """
-- Fusion output: stories (one real-world happening across reports) and contradictions.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_report TEXT,
    independent_outlets INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE story_reports (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    copy_of TEXT,
    PRIMARY KEY (story_id, report_id)
);
CREATE INDEX story_reports_report ON story_reports(report_id);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX contradictions_story ON contradictions(story_id);

-- Cases: a named selection of the store (actors, countries, period) to build a dossier from.
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    data TEXT NOT NULL
);
"""

M004 = """
-- What fusion keeps of each report (its Profile, as JSON), so fusion resumes incrementally:
-- a report without a row here has not been fused yet.
CREATE TABLE fusion_profiles (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    seen INTEGER NOT NULL,
    story_id TEXT NOT NULL,
    copy_of TEXT,
    data TEXT NOT NULL
);
"""

M005 = """
-- Indexes behind the filters of the API, pages and CLI (actor/country members, type+date, ...).
-- Multi-item lists ("A; B", "EST LVA") get partial indexes so a member lookup scans only those rows.
CREATE INDEX IF NOT EXISTS events_sources ON events(sources);
CREATE INDEX IF NOT EXISTS events_targets ON events(targets);
CREATE INDEX IF NOT EXISTS events_sources_multi ON events(sources) WHERE instr(sources, '; ') > 0;
CREATE INDEX IF NOT EXISTS events_targets_multi ON events(targets) WHERE instr(targets, '; ') > 0;
CREATE INDEX IF NOT EXISTS events_source_countries ON events(source_countries);
CREATE INDEX IF NOT EXISTS events_target_countries ON events(target_countries);
CREATE INDEX IF NOT EXISTS events_source_countries_multi ON events(source_countries)
    WHERE instr(source_countries, ' ') > 0;
CREATE INDEX IF NOT EXISTS events_target_countries_multi ON events(target_countries)
    WHERE instr(target_countries, ' ') > 0;
CREATE INDEX IF NOT EXISTS events_type_date ON events(plover, date);
CREATE INDEX IF NOT EXISTS events_confidence ON events(confidence);
CREATE INDEX IF NOT EXISTS events_place_date ON events(place, date);
CREATE INDEX IF NOT EXISTS events_pairs ON events(sources, targets, plover);
CREATE INDEX IF NOT EXISTS claims_asserted_by ON claims(asserted_by);
CREATE INDEX IF NOT EXISTS places_event_coords ON places(lat, lon);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
"""

M006 = """
-- Cross-report actor identities (factfinder/identities.py): one row per per-report actor, naming the
-- identity it belongs to and the identity's display name. An actor without a row has not been linked
-- yet (the work left, as with fusion_profiles). ``block`` is the comparison block, so linking new
-- actors reads only their blocks.
CREATE TABLE actor_identities (
    actor_id TEXT PRIMARY KEY REFERENCES actors(id) ON DELETE CASCADE,
    identity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    block TEXT NOT NULL
);
CREATE INDEX actor_identities_identity ON actor_identities(identity_id);
CREATE INDEX actor_identities_block ON actor_identities(block);
"""

M007 = """
-- Disputes (factfinder/derive/disputes.py): one card per slot of a story whose values differ across
-- independent reports, rewritten after each fusion run. ``id`` is stable (story + slot + subject +
-- predicate), so a review (target_table 'disputes' in reviews/audit) survives re-ingest.
CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    slot TEXT NOT NULL,
    hard INTEGER NOT NULL,
    rank REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX disputes_story ON disputes(story_id);
CREATE INDEX disputes_rank ON disputes(rank);
"""

M008 = """
-- Every further sighting of a stored report: the same id and the same text read again from another
-- outlet, URL or file (the report row itself is the first sighting). Corroboration counts these.
CREATE TABLE sightings (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    outlet TEXT,
    url TEXT,
    captured_at TEXT,
    source TEXT,
    raw_sha256 TEXT,
    seen_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sightings_key ON sightings(report_id, coalesce(outlet, ''), coalesce(url, ''),
                                                coalesce(source, ''));
CREATE INDEX sightings_outlet ON sightings(outlet);

-- A report too long to analyse in one piece is stored as sections ``<id>#s<n>``; each section's text
-- is text[start:end] of the whole report (whose original bytes are in originals, as usual).
CREATE TABLE report_sections (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    parent_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    of INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX report_sections_parent ON report_sections(parent_id);

-- Tamper evidence for the audit trail: each row stores the hash of its content and of the previous
-- row (factfinder/store/integrity.py; `factfinder verify` recomputes the chain). Rows written before
-- this migration have no hash and precede the chain.
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
-- INSERT OR REPLACE / REPLACE INTO delete the old row without firing the DELETE trigger: refuse them.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only (REPLACE refused)');
END;
"""

M009 = """
-- The full-text index again, declared with content="reports" in double quotes: Datasette (and other
-- tools reading sqlite_master) find an external-content FTS table only by that spelling, so with
-- content='reports' its _search silently matched every row. Same columns and rowids; rebuilt from
-- reports. The triggers of migration 1 name the table, not its declaration, and go on working.
DROP TABLE IF EXISTS reports_fts;
CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content="reports", content_rowid="rowid");
INSERT INTO reports_fts(reports_fts) VALUES ('rebuild');

-- Web sessions on the server side, so logging out (or disabling or re-keying the account) ends them;
-- the signed cookie only names its row.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- An identity looked up by its display name (/api/actors/{name}) without scanning every actor.
CREATE INDEX IF NOT EXISTS actor_identities_name ON actor_identities(name);
"""

M010 = f"""
-- Coreference links (factfinder/extract/coref.py): each anaphoric phrase and the actor it refers to.
CREATE TABLE coref ({FACT_COLUMNS}, kind TEXT, actor_id TEXT);
CREATE INDEX coref_report ON coref(report_id);
"""

M011 = """
-- Legal mappings cached per report (factfinder/cases/case.py), so a case page reads the case's reports
-- instead of rebuilding and re-mapping every report of the store. A row is valid for the rules version
-- (`version`: package, mapping rules and elements) and the review decisions on the report's events and
-- quotes (`reviews`: the highest audit id among them, '' for none) it was computed under; a stale or
-- missing row is recomputed when a case is assembled. `legal_keys` holds what case selection matches:
-- each actor name and alias (kind 'name') and each country code (kind 'country') of the reviewed report.
CREATE TABLE legal_cache (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    reviews TEXT NOT NULL,
    mappings TEXT NOT NULL
);
CREATE INDEX legal_cache_reviews ON legal_cache(reviews);
-- Key ids only grow (AUTOINCREMENT), so "keys added since id N" is a complete list of what is new.
CREATE TABLE legal_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES legal_cache(report_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL
);
CREATE UNIQUE INDEX legal_keys_kind_key ON legal_keys(kind, key, report_id);
CREATE INDEX legal_keys_report ON legal_keys(report_id);
"""

M012 = """
-- Cross-report state kept between ingests, so adding a batch reads and writes what the batch touches
-- (its terms, the stories its blocking keys and copy bands point at, the identity blocks of its
-- actors) instead of rebuilding from every stored report.
CREATE INDEX IF NOT EXISTS fusion_profiles_story ON fusion_profiles(story_id, seen);
CREATE INDEX IF NOT EXISTS fusion_profiles_copy ON fusion_profiles(copy_of) WHERE copy_of IS NOT NULL;
-- a profile's MinHash values (uint64 bytes): copy candidates are checked without reading the profile
ALTER TABLE fusion_profiles ADD COLUMN hv BLOB;
-- counters: fused reports, next term id per vocabulary space, how far reports/actors are processed
CREATE TABLE fusion_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- document frequency of every term, name and (event type, actor) key (space t/n/e), with its fixed id
CREATE TABLE fusion_terms (
    space TEXT NOT NULL,
    term TEXT NOT NULL,
    id INTEGER NOT NULL,
    df INTEGER NOT NULL,
    PRIMARY KEY (space, term)
) WITHOUT ROWID;
-- copy detection: the MinHash LSH bands of each fused report
CREATE TABLE fusion_bands (band INTEGER NOT NULL, report_id TEXT NOT NULL);
CREATE INDEX fusion_bands_band ON fusion_bands(band);
-- blocking: key -> the most recent stories (JSON list, oldest first)
CREATE TABLE fusion_postings (key TEXT PRIMARY KEY, stories TEXT NOT NULL) WITHOUT ROWID;
-- a story's capped centroid (JSON), size and first member
CREATE TABLE fusion_stories (story_id TEXT PRIMARY KEY, first_seen INTEGER NOT NULL, size INTEGER NOT NULL,
                             data TEXT NOT NULL);
-- stories merged into others (postings may still name them)
CREATE TABLE fusion_redirects (story_id TEXT PRIMARY KEY, into_id TEXT NOT NULL);
-- identity linking: each distinct actor description per identity and block (an identity's many
-- actors named alike are compared once), and how often each canonical name names an identity
CREATE TABLE identity_variants (
    block TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    variant TEXT NOT NULL,
    first_rowid INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (block, identity_id, variant)
);
CREATE INDEX identity_variants_identity ON identity_variants(identity_id);
CREATE TABLE identity_names (
    identity_id TEXT NOT NULL,
    canonical TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (identity_id, canonical)
) WITHOUT ROWID;
"""

M014 = """
-- Secrets the web app needs on every server of one store (the session-cookie key). A SQLite store
-- keeps its key beside the file (<db>.secret); a PostgreSQL store, shared by app servers on several
-- machines, keeps it here.
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

M015 = """
-- The event-field contradictions are gone: where reports disagree is told by dispute cards (M007).
DROP INDEX IF EXISTS contradictions_story;
DROP TABLE IF EXISTS contradictions;
"""

M016 = """
-- A person's surname of several words ("Ortega Ruiz") is indexed under the block of its first word
-- too, so "J. Ortega" and "J. Ortega Ruiz" are compared. The variant index and name counts are
-- emptied here and rebuilt from the stored links on the next derive (IdentityTables.build); the
-- links themselves (identity ids) stay as they were.
DELETE FROM identity_variants;
DELETE FROM identity_names;
"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "reports, originals, full-text search, fact tables, quarantine, ingest runs", M001),
    (2, "users, append-only audit, review state", M002),
    (3, "stories, contradictions, cases", M003),
    (4, "fusion profiles for incremental fusion", M004),
    (5, "indexes for event, claim, place and audit filters", M005),
    (6, "cross-report actor identities", M006),
    (7, "disputes: slots whose values differ across reports", M007),
    (8, "sightings, report sections, audit hash chain and no-replace trigger", M008),
    (9, "full-text index declared so Datasette detects it; server-side web sessions; identity names indexed", M009),
    (10, "coreference links", M010),
    (11, "legal mappings and case-selection keys cached per report", M011),
    (12, "persisted fusion and identity indexes: a batch costs what it touches", M012),
    (14, "application secrets shared by the web app's servers", M014),
    (15, "drop the event-field contradictions (dispute cards replace them)", M015),
    (16, "identity variant index rebuilt: double surnames indexed under their first word's block too", M016),
]
