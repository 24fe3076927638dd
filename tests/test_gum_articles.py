"""GUM documents -> reports: the printed date line wins over the metadata, the text is the scorers' text."""

import pytest

from factfinder.errors import EvalError
from factfinder.eval import gum_articles as A
from factfinder.eval.gum import read_conllu


def _doc(date_line: str, created: str = "2001-02-03") -> str:
    rows = ["# newdoc id = invented", f"# meta::dateCreated = {created}",
            "# meta::sourceURL = https://example.org/wiki/Invented", "# meta::title = Council meets",
            "# newpar", "1\tCouncil\tcouncil\tNOUN\tNN\t_\t2\tnsubj\t_\t_",
            "2\tmeets\tmeet\tVERB\tVBZ\t_\t0\troot\t_\t_", ""]
    words = date_line.split()
    rows += ["# newpar"] + [f"{i}\t{w}\t{w}\tX\tX\t_\t0\tdep\t_\t_" for i, w in enumerate(words, 1)] + [""]
    rows += ["# newpar", "1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_",
             "2\tvoted\tvote\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No", "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_", ""]
    return "\n".join(rows)


def test_printed_date_line_is_the_publication_date(tmp_path):
    path = tmp_path / "invented.conllu"
    path.write_text(_doc("Friday, July 21, 2017"), encoding="utf-8")
    row = A.article(path)
    assert row["published"] == "2017-07-21"
    assert row["text"] == read_conllu(path)[0]
    assert row["text"].endswith("\nIt voted.")
    assert (row["id"], row["outlet"], row["title"]) == ("invented", "Wikinews", "Council meets")


def test_metadata_date_when_no_date_line(tmp_path):
    path = tmp_path / "invented.conllu"
    path.write_text(_doc("Late news"), encoding="utf-8")
    assert A.article(path)["published"] == "2001-02-03"


def test_missing_metadata_names_the_file(tmp_path):
    path = tmp_path / "bare.conllu"
    path.write_text("\n".join(_doc("Late news").splitlines()[2:]), encoding="utf-8")
    with pytest.raises(EvalError, match="bare.conllu"):
        A.article(path)
