"""Settings as documented rows: each `Setting` has a name, a default and a help line (docs/settings.md).

A value is resolved in three layers, the last that sets it wins:

1. the default in `SETTINGS` below;
2. the settings file: the TOML file named by ``$FACTFINDER_SETTINGS`` (it must exist), else
   ``./factfinder.toml`` in the working directory when there is one. Dotted names are TOML tables:
   ``stages.events`` is ``events = "..."`` under ``[stages]``;
3. the environment: ``FACTFINDER_`` + the name upper-cased with dots as underscores
   (``max_bytes`` -> ``FACTFINDER_MAX_BYTES``, ``stages.events`` -> ``FACTFINDER_STAGES_EVENTS``).

A command-line option (``--db``, ``--max-bytes``) overrides all three for one run. Unknown names in
the file and values of the wrong type are errors that name the file or variable and the fix, so a
typo never passes silently. This module imports nothing of factfinder but its errors, so any module
may read a default from it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .errors import SettingsError

Value = str | int | None

# Defaults that library functions also use as keyword defaults (one number, written once).
DB = "factfinder.db"
MAX_BYTES = 10_000_000

FILE_ENV = "FACTFINDER_SETTINGS"
FILE_NAME = "factfinder.toml"


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting. ``default`` None means "the built-in choice" (say which in ``help``)."""

    name: str
    default: Value
    help: str

    @property
    def env(self) -> str:
        return "FACTFINDER_" + self.name.upper().replace(".", "_")

    @property
    def kind(self) -> type:
        return str if self.default is None else type(self.default)

    def parse(self, raw: object, where: str) -> Value:
        """The value ``raw`` (TOML value or environment string) as this setting's type."""
        if self.kind is int:
            if isinstance(raw, bool):
                raise SettingsError(f"{where}: {self.name} must be a whole number, not {raw!r}.")
            try:
                value = int(str(raw).strip())
            except ValueError:
                raise SettingsError(f"{where}: {self.name} must be a whole number (e.g. {self.default}), "
                                    f"not {raw!r}.") from None
            if value < 1:
                raise SettingsError(f"{where}: {self.name} must be at least 1, not {value}.")
            return value
        if not isinstance(raw, str) or not raw.strip():
            raise SettingsError(f"{where}: {self.name} must be a non-empty string, not {raw!r}.")
        return raw.strip()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", DB, "Store every command uses when --db is not given: a SQLite file, or a PostgreSQL "
            "database as postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME (docs/scaling.md)."),
    Setting("max_bytes", MAX_BYTES,
            "Inputs larger than this many bytes are quarantined unread (for JSONL and WARC: each line or "
            "record). `factfinder ingest --max-bytes` overrides it for one run."),
    Setting("stages.events", None,
            "Event coder: the NAME of a registered implementation (factfinder.pipeline.REGISTRY). Unset: "
            "the built-in rule coder (`factfinder settings` shows its NAME). The NAME is stored with "
            "every event, so results stay reproducible."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings: a value per name and where it came from (default, a file path, an env var)."""

    values: Mapping[str, Value]
    origins: Mapping[str, str]

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> Settings:
        """Defaults, then the settings file, then ``FACTFINDER_*`` variables of ``env`` (os.environ)."""
        env = os.environ if env is None else env
        values: dict[str, Value] = {s.name: s.default for s in SETTINGS}
        origins = {s.name: "default" for s in SETTINGS}
        path = settings_file(env, cwd)
        if path is not None:
            for name, raw in _read_file(path).items():
                values[name] = BY_NAME[name].parse(raw, str(path))
                origins[name] = str(path)
        for s in SETTINGS:
            if env.get(s.env, "").strip():  # an empty variable counts as unset
                values[s.name] = s.parse(env[s.env], s.env)
                origins[s.name] = s.env
        return cls(values, origins)

    def __getitem__(self, name: str) -> Value:
        if name not in self.values:
            raise SettingsError(f"no setting {name!r}; known: {', '.join(BY_NAME)}.")
        return self.values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    @property
    def db(self) -> str:
        return str(self["db"])

    @property
    def max_bytes(self) -> int:
        return cast(int, self["max_bytes"])  # parse() made it an int

    def stage_choices(self) -> dict[str, str]:
        """Slot -> implementation NAME, for every ``stages.<slot>`` setting that is set."""
        return {name.split(".", 1)[1]: str(v) for name, v in self.values.items()
                if name.startswith("stages.") and v is not None}


def settings_file(env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> Path | None:
    """The settings file in force: ``$FACTFINDER_SETTINGS`` (must exist), else ``./factfinder.toml``."""
    env = os.environ if env is None else env
    if env.get(FILE_ENV):
        path = Path(env[FILE_ENV])
        if not path.is_file():
            raise SettingsError(f"{FILE_ENV}={path}: no such file. Create it, or unset {FILE_ENV}.")
        return path
    local = Path(cwd or ".") / FILE_NAME
    return local if local.is_file() else None


def _read_file(path: Path) -> dict[str, object]:
    """The file's settings by dotted name; unknown names are an error naming the known ones."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not a readable TOML settings file ({exc}). Fix it or remove it.") from None
    flat: dict[str, object] = {}
    _flatten(data, "", flat)
    unknown = [n for n in flat if n not in BY_NAME]
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(BY_NAME)} "
                            "(see docs/settings.md).")
    return flat


def _flatten(table: Mapping[str, object], prefix: str, out: dict[str, object]) -> None:
    for key, value in table.items():
        name = prefix + key
        if isinstance(value, dict) and name not in BY_NAME:
            _flatten(value, name + ".", out)
        else:
            out[name] = value
