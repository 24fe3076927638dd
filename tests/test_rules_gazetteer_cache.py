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
