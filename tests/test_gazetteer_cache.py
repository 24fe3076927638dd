"""The compiled gazetteer on disk (extract/gazetteer_cache): what a process loads is what the build
made; a changed table or builder gives a new key and a new build; a broken file or a read-only cache
folder costs a build, never a wrong or failed lookup; concurrent first builds leave one whole file."""

from __future__ import annotations

import multiprocessing
import shutil

import pytest

from factfinder.extract import gazetteer_cache as gcache
from factfinder.extract import places


def test_the_loaded_gazetteer_is_the_one_the_build_made(tmp_path, monkeypatch):
    built = {}
    real = gcache._compile

    def keep() -> tuple:
        built["gaz"], built["cities"] = real()
        return built["gaz"], built["cities"]

    monkeypatch.setattr(gcache, "_compile", keep)
    first, cities = gcache.load(tmp_path)
    monkeypatch.setattr(gcache, "_compile", lambda: pytest.fail("built again although the key is unchanged"))
    again, cities_again = gcache.load(tmp_path)
    gaz = built["gaz"]
    for loaded in (first, again):
        assert set(loaded.index) == set(gaz.index)
        assert all(loaded.index[k] == gaz.index[k] for k in gaz.index)
        assert gaz._folded is not None and loaded._folded is not None  # the spelling-variant index is kept too
        assert all(loaded._folded[k] == gaz._folded[k] for k in gaz._folded)
        assert loaded.country_names == gaz.country_names and loaded.country_candidate == gaz.country_candidate
    assert cities == cities_again == built["cities"] and cities["Nairobi"] == "KEN"
    # lookups behave as on the built one, including the spelling variants of a known place
    assert [c.country for c in again.lookup("Nairobi")] == [c.country for c in gaz.lookup("Nairobi")]
    variants = [c.name for c in again.variants("Johannesberg")]
    assert variants == [c.name for c in gaz.variants("Johannesberg")] == ["Johannesburg"]
    assert again.country_of("Kenya") == "KE"


def _tiny() -> tuple[places.Gazetteer, dict[str, str]]:
    gaz = places.Gazetteer()
    gaz.add("Testville", places.Candidate("Testville", "KE", -1.0, 36.8, "city", 5000, 1))
    gaz.country_names["kenya"] = "KE"
    return gaz, {"Testville": "KEN"}


@pytest.fixture
def counted(monkeypatch):
    """_compile replaced by a tiny build that counts its calls (a real build takes seconds)."""
    calls = []

    def build() -> tuple[places.Gazetteer, dict[str, str]]:
        calls.append(1)
        return _tiny()

    monkeypatch.setattr(gcache, "_compile", build)
    return calls


def test_a_changed_table_or_builder_invalidates_the_cache(tmp_path, monkeypatch, counted):
    tables = tmp_path / "ontology"
    shutil.copytree(gcache._ONTOLOGY, tables)
    monkeypatch.setattr(gcache, "_ONTOLOGY", tables)
    folder = tmp_path / "cache"
    gaz, _ = gcache.load(folder)
    assert counted == [1] and [c.name for c in gaz.lookup("testville")] == ["Testville"]
    gcache.load(folder)
    assert counted == [1]  # same key: read from the file
    text = (tables / "places.json").read_text(encoding="utf-8")
    (tables / "places.json").write_text(text.replace("{", '{"_note": "changed", ', 1), encoding="utf-8")
    gcache.load(folder)
    assert counted == [1, 1] and len(list(folder.glob("gazetteer-*.marshal"))) == 2
    builder = tmp_path / "places.py"
    builder.write_text(open(places.__file__, encoding="utf-8").read() + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(places, "__file__", str(builder))
    gcache.load(folder)
    assert counted == [1, 1, 1]


def test_a_broken_file_is_built_again_and_a_read_only_folder_still_works(tmp_path, counted):
    folder = tmp_path / "cache"
    gcache.load(folder)
    (path,) = folder.glob("gazetteer-*.marshal")
    path.write_bytes(path.read_bytes()[:100])  # truncated, as by a full disk
    gaz, cities = gcache.load(folder)
    assert counted == [1, 1] and cities == {"Testville": "KEN"} and gaz.country_of("Kenya") == "KE"
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    gaz, _ = gcache.load(blocked)
    assert counted == [1, 1, 1] and gaz.lookup("Testville")


def _load_into(folder: str) -> None:
    gcache._compile = lambda: _tiny()  # type: ignore[assignment]  # in the child process only
    gaz, _ = gcache.load(gcache.Path(folder))
    assert gaz.lookup("Testville")


def test_concurrent_first_builds_leave_one_whole_file(tmp_path):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_load_into, args=(str(tmp_path),)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".marshal"  # no temporary file left behind
    gaz, _ = gcache._decode(files[0].read_bytes())
    assert [c.country for c in gaz.lookup("Testville")] == ["KE"]
