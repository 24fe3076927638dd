"""The GUM named-mention loader and scorer on a CoNLL-U document written here (invented names)."""

from factfinder.eval import gum_entities as G
from factfinder.records import Mention, Span

_DOC = "\n".join([
    "# newdoc id = invented",
    "# newpar",
    "# text = Mayor Dana Velko visited Portavel.",
    "1\tMayor\tmayor\tNOUN\tNN\t_\t3\tcompound\t_\tEntity=(1-person-new-coref",
    "2\tDana\tDana\tPROPN\tNNP\t_\t3\tcompound\t_\t_",
    "3\tVelko\tVelko\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)",
    "4\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_",
    "5\tPortavel\tPortavel\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(2-place-new-coref-Portavel)|SpaceAfter=No",
    "6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
    "",
    "# text = The council met.",
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(3-organization-new-coref",
    "2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\tEntity=3)",
    "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_",
    "",
])


def test_named_mentions_are_proper_noun_headed_and_typed(tmp_path):
    path = tmp_path / "invented.conllu"
    path.write_text(_DOC, encoding="utf-8")
    doc = G.load(path)
    assert doc.text.startswith("Mayor Dana Velko visited Portavel.")
    # "The council" is headed by a common noun: not a named mention
    assert [(m.kind, m.text) for m in doc.mentions] == [("person", "Mayor Dana Velko"), ("place", "Portavel")]
    person, place = doc.mentions
    assert doc.text[person.head[0]:person.head[1]] == "Velko"

    def mention(text: str, label: str) -> Mention:
        start = doc.text.index(text)
        return Mention(Span("invented", start, start + len(text), text), label, "a", "test")

    rows, errors = G.score_doc(doc, (mention("Dana Velko", "PERSON"), mention("Portavel", "ORG")))
    assert rows["person"] == [1, 1, 1] and rows["place"] == [1, 1, 0]
    assert len(errors) == 1 and "typed ORG" in errors[0]
    rows, _ = G.score_doc(doc, (mention("Mayor Dana Velko visited", "PERSON"),))  # longer than the gold mention
    assert rows["person"] == [1, 0, 0]


def test_per_type_precision_counts_our_labels(tmp_path):
    from factfinder.records import Mention, Span
    doc = G.GumNames("invented", "Dana Velko met Tor Ansel in Portavel.", (
        G.NamedMention("person", 0, 10, (5, 10), "Dana Velko"),
        G.NamedMention("person", 15, 24, (19, 24), "Tor Ansel"),
        G.NamedMention("place", 28, 36, (28, 36), "Portavel")))

    def mention(text: str, label: str) -> Mention:
        start = doc.text.index(text)
        return Mention(Span("invented", start, start + len(text), text), label, "a", "test")

    rows = G.by_our_label(doc, (mention("Dana Velko", "PERSON"), mention("Tor Ansel", "GPE"),
                                mention("Portavel", "GPE")))
    assert rows["person"] == [1, 1] and rows["place"] == [2, 1] and rows["organization"] == [0, 0]
