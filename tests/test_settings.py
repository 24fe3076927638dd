"""Settings: defaults -> settings file -> FACTFINDER_* environment, each value with where it came from;
bad names and values fail with a message naming the file or variable; the CLI reads them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factfinder.cli import main
from factfinder.errors import SettingsError
from factfinder.settings import BY_NAME, MAX_BYTES, SETTINGS, Settings, settings_file


def test_defaults_without_file_or_environment(tmp_path):
    s = Settings.load(env={}, cwd=tmp_path)
    assert s.max_bytes == MAX_BYTES and s.db == "factfinder.db" and s["stages.events"] is None
    assert set(s.origins.values()) == {"default"} and s.stage_choices() == {}


def test_file_then_environment_each_layer_wins_over_the_last(tmp_path):
    (tmp_path / "factfinder.toml").write_text('max_bytes = 5_000\ndb = "file.db"\n[stages]\nevents = "x.y"\n')
    s = Settings.load(env={"FACTFINDER_DB": "env.db"}, cwd=tmp_path)
    assert (s.db, s.max_bytes, s["stages.events"]) == ("env.db", 5000, "x.y")
    assert s.origins["db"] == "FACTFINDER_DB" and s.origins["max_bytes"].endswith("factfinder.toml")
    assert s.stage_choices() == {"events": "x.y"}


def test_settings_file_named_by_variable_must_exist(tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text("max_bytes = 7\n")
    assert settings_file({"FACTFINDER_SETTINGS": str(other)}, cwd=tmp_path) == other
    with pytest.raises(SettingsError, match="no such file"):
        Settings.load(env={"FACTFINDER_SETTINGS": str(tmp_path / "missing.toml")})


@pytest.mark.parametrize("text, message", [
    ("max_byte = 5\n", "unknown setting"),
    ('max_bytes = "lots"\n', "whole number"),
    ("max_bytes = 0\n", "at least 1"),
    ("db = 3\n", "non-empty string"),
    ("max_bytes = = 3\n", "not a readable TOML"),
])
def test_bad_file_names_the_file_and_the_problem(tmp_path, text, message):
    (tmp_path / "factfinder.toml").write_text(text)
    with pytest.raises(SettingsError, match=message) as info:
        Settings.load(env={}, cwd=tmp_path)
    assert "factfinder.toml" in str(info.value)


def test_environment_values_are_typed_and_empty_means_unset():
    assert Settings.load(env={"FACTFINDER_MAX_BYTES": " 2048 "}).max_bytes == 2048
    assert Settings.load(env={"FACTFINDER_MAX_BYTES": ""}).max_bytes == MAX_BYTES
    with pytest.raises(SettingsError, match="FACTFINDER_MAX_BYTES"):
        Settings.load(env={"FACTFINDER_MAX_BYTES": "2MB"})


def test_every_setting_has_help_and_an_env_name():
    assert all(s.help and s.env.startswith("FACTFINDER_") for s in SETTINGS)
    assert BY_NAME["stages.events"].env == "FACTFINDER_STAGES_EVENTS"


def test_settings_command_lists_value_and_origin(monkeypatch):
    monkeypatch.setenv("FACTFINDER_MAX_BYTES", "4096")
    res = CliRunner().invoke(main, ["settings", "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["name"]: r for r in json.loads(res.output)["settings"]}
    assert rows["max_bytes"]["value"] == 4096 and rows["max_bytes"]["from"] == "FACTFINDER_MAX_BYTES"
    assert rows["stages.events"]["value"].startswith("factfinder.events.")  # the coder that runs


def test_max_bytes_setting_reaches_ingest(tmp_path, monkeypatch):
    report = tmp_path / "long.txt"
    report.write_text("The ministry of Freedonia said on Monday that talks would resume. " * 40)
    monkeypatch.setenv("FACTFINDER_MAX_BYTES", "1000")
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["ingest", str(report), "--db", str(db), "--no-progress"])
    assert res.exit_code == 1 and "--max-bytes" in res.stderr  # quarantined: over the set limit
    res = CliRunner().invoke(main, ["ingest", str(report), "--db", str(db), "--no-progress", "--max-bytes", "100000"])
    assert res.exit_code == 0, res.output  # the option overrides the setting for one run


def test_bad_setting_is_one_line_error_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTFINDER_SETTINGS", str(tmp_path / "nope.toml"))
    res = CliRunner().invoke(main, ["stats"])  # the default --db is read from the settings
    assert res.exit_code == 2 and res.stderr.startswith("factfinder: ") and "nope.toml" in res.stderr
