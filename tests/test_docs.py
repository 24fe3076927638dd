"""The docs guardrail: every command of the `factfinder` group (walked, subcommands included) has an
example invocation in README.md or docs/*.md and an Example in its --help; every setting is documented
with its name, its FACTFINDER_* variable and an example using it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from factfinder.cli import main
from factfinder.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
PREFIX = re.compile(r"^\s*(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S+\s+)*")  # prompt and VAR=value assignments


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every runnable command under ``group``: a subgroup counts through its own subcommands."""
    out = []
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*path, name))
        else:
            out.append(((*path, name), cmd))
    return out


def _code_lines() -> list[str]:
    return [line for doc in DOCS for block in FENCE.findall(doc.read_text(encoding="utf-8"))
            for line in block.splitlines()]


COMMANDS = _commands(main)
CODE = _code_lines()


def test_the_walk_finds_every_command_of_the_cli():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"ingest", "settings", "case new", "user add", "eval"} <= names and len(names) >= 30


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in COMMANDS])
def test_command_has_an_example_invocation_in_the_docs(path):
    invocation = re.compile(rf"factfinder {re.escape(path)}(\s|$)")
    examples = [line for line in CODE if invocation.match(PREFIX.sub("", line))]
    assert examples, f"`factfinder {path}` has no example in a code block of README.md or docs/*.md (docs/cli.md)"


@pytest.mark.parametrize("path, cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_help_has_an_example(path, cmd):
    assert "Example: factfinder " + " ".join(path) in " ".join((cmd.help or "").split()), (
        f"the docstring of `factfinder {' '.join(path)}` needs an 'Example: factfinder {' '.join(path)} ...' line")


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_setting_is_documented_with_an_example(setting):
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert f"## `{setting.name}`" in text, f"docs/settings.md needs a section for {setting.name}"
    assert any(setting.env + "=" in line for line in CODE), f"no example sets {setting.env} in a code block"
