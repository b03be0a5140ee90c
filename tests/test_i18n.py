"""The Korean catalogue is complete and current: lupdate over the sources finds nothing new, nothing unfinished,
every translation keeps its source's {fields}, and the shipped .qm is what lrelease makes of the .ts files."""

from __future__ import annotations

import importlib.util
import re
import shutil
import string
import sys
from pathlib import Path

import pytest

from engine import i18n

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
script = importlib.util.module_from_spec(_spec)
sys.modules["i18n_script"] = script
_spec.loader.exec_module(script)


def _fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The catalogue as lupdate makes it from today's sources, starting from the committed one."""
    cat = tmp_path_factory.mktemp("i18n")
    for ts in script.CATALOGUE.glob("*.ko.ts"):
        shutil.copy(ts, cat / ts.name)
    script.update(ROOT, cat)
    return cat


def test_every_marked_string_has_a_finished_korean_translation(fresh):
    todo = [f"{m['file']} [{m['context']}] {m['source']!r}" for m in script.messages(fresh) if not m["finished"]]
    assert not todo, f"{len(todo)} strings without a finished Korean translation (scripts/i18n.py todo):\n" + \
        "\n".join(todo[:40])


def test_the_committed_catalogue_is_what_lupdate_makes(fresh):
    """No marked string missing from the committed .ts files, none left over from code that is gone."""
    def keyed(cat):
        return sorted((m["file"], m["context"], m["source"], m["translation"]) for m in script.messages(cat))
    assert keyed(fresh) == keyed(script.CATALOGUE), "run: uv run python scripts/i18n.py all"


def test_translations_keep_their_fields_and_markup():
    msgs = script.messages()
    assert len(msgs) > 0
    bad = []
    for m in msgs:
        if not m["finished"]:
            continue
        src, ko = m["source"], m["translation"]
        try:
            same = _fields(src) == _fields(ko)
        except ValueError:  # a brace that is no field, in one of them
            same = False
        if "{" in src and not same:
            bad.append(f"[{m['context']}] {src!r} -> {ko!r}")
        if src.count("&") != ko.count("&") and "&amp;" not in src:
            bad.append(f"[{m['context']}] mnemonic: {src!r} -> {ko!r}")
        if re.findall(r"</?\w+", src) != re.findall(r"</?\w+", ko):
            bad.append(f"[{m['context']}] markup: {src!r} -> {ko!r}")
    assert not bad, "\n".join(bad[:40])


def test_the_shipped_qm_is_compiled_from_the_ts_files(tmp_path):
    qm = tmp_path / "playground_ko.qm"
    script.release(script.CATALOGUE, qm)
    assert script.QM.is_file(), "resources/i18n/playground_ko.qm is missing: uv run python scripts/i18n.py release"
    assert qm.read_bytes() == script.QM.read_bytes(), "run: uv run python scripts/i18n.py release"


def test_only_two_literal_arguments_reach_translate():
    """lupdate skips a translate(...) call with a keyword argument or a third argument, silently: such a string
    would never be translated. (Numbers go in with .format afterwards.)"""
    call = re.compile(r"\btranslate\(\s*\"[^\"]*\",\s*(?:\"[^\"]*\"\s*)+,")
    offenders = []
    for src in script.sources():
        text = src.read_text(encoding="utf-8")
        for m in call.finditer(text):
            line = text[:m.start()].count("\n") + 1
            offenders.append(f"{src.relative_to(ROOT)}:{line}")
    assert not offenders, offenders


def test_engine_translate_is_english_without_a_translator():
    assert i18n.translate("Scene", "a text") == "a text"
    assert i18n.language() == "en"
    assert i18n.pick({"en": "Book", "ko": "책"}) == "Book"
    assert i18n.pick("plain") == "plain" and i18n.pick(None) == ""


def test_engine_translate_uses_the_installed_translator():
    try:
        i18n.set_translator(lambda ctx, src: f"<{ctx}:{src}>", "ko")
        assert i18n.translate("Scene", "x {n}").format(n=3) == "<Scene:x 3>"
        assert i18n.declared("Learning rate") == "<Declarations:Learning rate>"
        assert i18n.pick({"en": "Book", "ko": "책"}) == "책"
        assert i18n.pick({"en": "Book"}) == "Book"
        assert i18n.language() == "ko"
    finally:
        i18n.set_translator(None)
    assert i18n.language() == "en"
