"""The per-document shortcuts of actor recognition give what the full reading gives."""
from __future__ import annotations

from tracker.extract.actors import ActorIndex
from tracker.extract.sentences import split_sentences


def _read(text: str, *, reuse: bool) -> list[list[tuple[int, int, str, str, str | None]]]:
    """Mentions sentence by sentence, with the index's caches kept (reuse) or emptied each time."""
    idx = ActorIndex.build(text)
    out = []
    for s, e in split_sentences(text):
        if not reuse:
            idx.classified.clear()
            idx.single_names.clear()
        out.append([(m.start, m.end, m.name, m.type, m.role) for m in idx.mentions(s, e)])
    return out


def test_a_cached_one_word_name_follows_the_surnames_learned_since() -> None:
    text = ("Clinton arrived on Monday. President Bill Clinton said he would go. Clinton left. "
            "Castro spoke. Clinton's aides met Castro's. Cuban President Fidel Castro said Castro would stay. "
            "Kurdish leaders met. The Kurdish rebels said Kurdish was spoken.")
    cached = _read(text, reuse=True)
    assert cached == _read(text, reuse=False)
    flat = [(name, typ) for sent in cached for _, _, name, typ, _ in sent]
    assert flat[0] == ("Clinton", "name")  # no full name seen yet
    assert flat.count(("Bill Clinton", "person")) >= 3  # "Clinton" later is the president
    assert ("Fidel Castro", "person") in flat and ("Castro", "name") in flat


def test_a_surname_dropped_for_a_place_is_read_again() -> None:
    # "in Hamilton" makes a place of the name: the surname is forgotten, later "Hamilton" is a bare name.
    text = "Hamilton spoke. Michael Hamilton arrived. Hamilton said he would stay in Hamilton. Hamilton left."
    assert _read(text, reuse=True) == _read(text, reuse=False)
