"""One example per rule family of the gazetteer cache: the lazily built index must behave as the dict it
replaces, so that a name added after loading (as the gazetteer's own build adds alternate names) is found,
counted and listed like the loaded ones."""

from __future__ import annotations

from factfinder.extract import gazetteer_cache as gcache


def test_a_name_added_to_the_lazy_index_is_a_key_like_the_loaded_ones():
    made = gcache._Candidates(tuple([] for _ in range(1)))
    index = gcache._LazyIndex({"harwick": ()}, made)
    bucket = index.setdefault("marlow bay", [])
    assert bucket == [] and index["marlow bay"] is bucket
    assert "marlow bay" in index and len(index) == 2 and list(index) == ["harwick", "marlow bay"]
    del index["marlow bay"]
    assert "marlow bay" not in index and list(index) == ["harwick"]


def _tiny_build() -> tuple:
    from factfinder.extract import places

    gaz = places.Gazetteer()
    gaz.add("Orlen Ford", places.Candidate("Orlen Ford", "KE", -0.5, 36.1, "city", 4000, 1))
    gaz.country_names["kenya"] = "KE"
    return gaz, {"Orlen Ford": "KEN"}


def test_a_file_of_another_layout_version_is_built_again_not_trusted(tmp_path, monkeypatch):
    import marshal

    calls = []
    monkeypatch.setattr(gcache, "_compile", lambda: calls.append(1) or _tiny_build())
    gcache.load(tmp_path)
    (path,) = tmp_path.glob("gazetteer-*.marshal")
    fmt, *rest = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((fmt + 1, *rest)))  # same name, another layout's version number
    gaz, cities = gcache.load(tmp_path)
    assert calls == [1, 1] and cities == {"Orlen Ford": "KEN"} and gaz.lookup("Orlen Ford")
    gcache.load(tmp_path)  # the rebuilt file is this layout's: read, not built a third time
    assert calls == [1, 1]


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    import gc

    monkeypatch.setattr(gcache, "_compile", _tiny_build)
    gcache.load(tmp_path)
    assert gc.isenabled()
    gcache.load(tmp_path)  # read from the file: collection is paused while unmarshalling only
    assert gc.isenabled()
    gc.disable()
    try:
        gcache.load(tmp_path)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_the_cache_folder_follows_xdg_cache_home_else_the_home_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gcache.cache_dir() == tmp_path / "xdg" / "factfinder"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert gcache.cache_dir() == tmp_path / "home" / ".cache" / "factfinder"
