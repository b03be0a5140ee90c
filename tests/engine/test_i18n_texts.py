"""The engine's own texts go through the translation hook: with a translator installed, the optimizers' rule rows,
the Explain notes, suggestions, schedules' descriptions and every validation message come out translated, each
piece through its own context, and still completely filled in (no ``{field}`` left). The real Korean catalogue is
tried in tests/gui/test_language_engine_texts.py; here a fake translator marks each translated piece, so a test
sees exactly which pieces were translated and how they were put together. English stays the default."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engine import BatchConfig, BatchSampler, PlaygroundError, RunSpec, Session, get_optimizer, make_objective
from engine import i18n
from engine.explain import preview_step, rule_rows
from engine.formula import FormulaError, parse
from engine.schedules import make_schedule
from engine.suggest import suggest_hyperparams
from engine.teaching import Teacher, Toggles

FIELD = re.compile(r"\{[A-Za-z_]\w*\}")  # an unfilled field (x_{3} is a subscript, and stays)


@pytest.fixture
def marked():
    """Every translated text comes back as «context|source», so the composition is visible."""
    i18n.set_translator(lambda ctx, src: f"«{ctx}|{src}»", "xx")
    try:
        yield
    finally:
        i18n.set_translator(None)


def _message(fn) -> str:
    with pytest.raises(PlaygroundError) as e:
        fn()
    return str(e.value)


def test_a_hyperparameter_error_is_translated_with_its_declared_name(marked):
    msg = _message(lambda: get_optimizer("sgd").resolve({"lr": -0.1}))
    assert msg == "«HyperParam|Invalid «Declarations|learning rate»: -0.1 (expected 0 ≤ lr ≤ 1e+06)»"
    msg = _message(lambda: get_optimizer("adam").resolve({"amsgrad": 1}))
    assert msg == "«HyperParam|Invalid «Declarations|amsgrad value»: 1 (expected true or false)»"
    msg = _message(lambda: get_optimizer("sgd").resolve({"nope": 1}))
    assert msg == ("«HyperParam|Unknown «OptimizerSpec|'sgd' optimizer» setting 'nope' (known: lr, weight_decay)»")
    msg = _message(lambda: get_optimizer("sgdd"))
    assert msg.startswith("«OptimizerSpec|Unknown optimizer type 'sgdd' (known: sgd, momentum,")
    assert not FIELD.search(msg)


def test_without_a_translator_the_same_errors_are_the_english_ones():
    assert _message(lambda: get_optimizer("sgd").resolve({"lr": -0.1})) == \
        "Invalid learning rate: -0.1 (expected 0 ≤ lr ≤ 1e+06)"
    assert _message(lambda: parse("x +")) == \
        "Formula error at column 4: the formula ends too early (a number, name or '(' is missing)"
    assert make_schedule("cosine", warmup={"steps": 5}).describe() == "cosine schedule after 5 warmup steps"


def test_formula_errors_are_translated_whole_with_their_column(marked):
    with pytest.raises(FormulaError) as e:
        parse("x +")
    assert str(e.value) == ("«Formula|Formula error at column 4: «Formula|the formula ends too early (a number, "
                            "name or '(' is missing)»»")
    assert e.value.position == 3
    msg = _message(lambda: parse("sin x"))
    assert "«Formula|sin needs an argument in brackets, e.g. sin(x)»" in msg
    msg = _message(lambda: parse("x, y"))
    assert "«Formula|unexpected character ',' (functions take one argument)»" in msg
    msg = _message(lambda: parse("foo(x)"))
    assert "«Formula|unknown name 'foo' (use x, y, pi, e and sin, cos," in msg
    assert not FIELD.search(msg)


def test_schedule_texts_and_errors_are_translated(marked):
    s = make_schedule("cosine", warmup={"steps": 5})
    assert s.describe() == "«Schedule|«Declarations|cosine» schedule after 5 warmup steps»"
    assert make_schedule("step").describe() == "«Schedule|«Declarations|step» schedule»"
    msg = _message(lambda: make_schedule("step", {"gamma": 2}))
    assert msg == "gamma: «HyperParam|Invalid «Declarations|gamma»: 2 (expected 0 < gamma ≤ 1)»"
    msg = _message(lambda: make_schedule("cosine", {"bogus": 1}))
    assert msg == "«Schedule|bogus: unknown key for a cosine schedule (known: type, t_max, eta_min, warmup)»"
    msg = _message(lambda: make_schedule("linear", warmup=[]))
    assert msg == '«Schedule|warmup: expected an object such as {"steps": 5, "start_factor": 0.1}, got []»'


def test_batch_errors_are_translated(marked):
    assert _message(lambda: BatchConfig.from_dict(3)) == \
        '«BatchConfig|batch: expected an object such as {"strategy": "full"}»'
    assert _message(lambda: BatchConfig.from_dict({"strategy": "minibatch", "batch_size": 0})) == \
        "«BatchConfig|batch.batch_size: expected a whole number ≥ 1, got 0»"
    assert _message(lambda: BatchSampler(BatchConfig("minibatch", 50), 20, 0)) == \
        "«BatchSampler|batch.batch_size: 50 is larger than the 20 samples of the data set»"


@pytest.mark.parametrize("opt_type, hp", [
    ("sgd", {"lr": 0.05, "weight_decay": 0.01}),
    ("nag", {"lr": 0.05}),
    ("rmsprop", {"lr": 0.01, "centered": True, "momentum": 0.5}),
    ("adam", {"lr": 0.05, "amsgrad": True}),
    ("adamw", {"lr": 0.05}),
    ("radam", {"lr": 0.05}),
    ("lion", {"lr": 0.01, "weight_decay": 0.1}),
])
def test_rule_rows_translate_their_words_and_keep_their_numbers(marked, opt_type, hp):
    session = Session(make_objective({"name": "bowl"}), [RunSpec(opt_type, "a", hp)])
    session.step(2)
    rows = rule_rows(preview_step(session, 0))
    i18n.set_translator(None)
    english = rule_rows(preview_step(session, 0))
    assert len(rows) == len(english)
    strip = re.compile(r"«\w+\|")
    for row, en in zip(rows, english):
        for text, text_en in ((row.text, en.text), (row.aside, en.aside)):
            assert not FIELD.search(text), text
            # the marks removed, the translated row is the English one: every number went to its place
            assert strip.sub("", text).replace("»", "") == text_en
    assert any("«Rule|" in r.text or "«Rule|" in r.aside for r in rows)


def test_a_scheduled_row_names_its_schedule_through_the_catalogue(marked):
    run = RunSpec("sgd", "a", {"lr": 0.1}, schedule=make_schedule("exponential"))
    session = Session(make_objective({"name": "bowl"}), [run])
    session.step(1)
    rows = rule_rows(preview_step(session, 0))
    assert "(«Schedule|«Declarations|exponential» schedule», t = 1, η = 0.1)" in rows[1].text


def test_suggestions_explain_themselves_in_the_current_language(marked):
    obj = make_objective({"name": "bowl"})
    s = suggest_hyperparams(obj, (-7.0, 2.0), "sgd")
    assert s.reason == ("«Suggest|«Suggest|η = 0.073: chosen so that the first step moves about 3% of the view» "
                        "(torch's default is 0.001)»")
    s = suggest_hyperparams(obj, obj.start, "momentum", [RunSpec("momentum", "Heavy ball", {"lr": 0.09})])
    assert s.reason == "«Suggest|η = 0.09: copied from run 'Heavy ball'»"


def test_the_explain_notes_and_caption_are_translated(marked):
    session = Session(make_objective({"name": "bowl"}),
                      [RunSpec("nag", "look", {"lr": 0.05}), RunSpec("nag_bengio", "bengio", {"lr": 0.05})])
    session.step(3)
    shown = session.snapshot()
    lesson = Teacher().compute(session, shown, 0, Toggles(arrows=True, nesterov=True), quantity="velocity")
    caption = lesson.overlay.caption
    assert "«Explain|−∇f scaled, ⟂ the level curve (dashed)»" in caption
    assert "«Explain|dotted: X'ₙ − Xₙ = αVₙ₋₁, from look (Xₙ) to bengio (X'ₙ)»" in caption
    assert lesson.state_note == "«Explain|«Declarations||V| (velocity)»: look, bengio (solid x, dashed y)»"
    lesson = Teacher().compute(session, shown, 0, quantity="u_inf")
    assert lesson.state_note == "«Explain|No run here has «Declarations|u.»"  # the title's words before " ("
    lesson = Teacher().compute(session, shown, 0, quantity="eta_eff")
    assert lesson.state_note.endswith("«Explain|. SGD and momentum use η itself (η_t under a schedule); AdaGrad's "
                                      "can only shrink, RMSProp's and Adam's follow the recent gradients.»")
    for text in (caption, lesson.state_note):
        assert not FIELD.search(text)


def test_the_gradient_fan_note_is_translated(marked):
    session = Session(make_objective({"name": "linear_regression"}), [RunSpec("sgd", "a", {"lr": 0.05})],
                      batch=BatchConfig("minibatch", 8))
    session.step(1)
    lesson = Teacher().compute(session, session.snapshot(), 0, Toggles(fan=True))
    note = lesson.overlay.fan_note
    assert re.fullmatch(r"«Explain\|B = 8: spread \d+\.\d\d×\|∇f\|»", note), note
    assert f"«Explain|fan: {note}»" in lesson.overlay.caption


def test_swarm_and_landscape_errors_are_translated(marked):
    from engine.landscape import pca_plane
    from engine.swarm import Swarm
    obj = make_objective({"name": "bowl"})
    assert _message(lambda: Swarm(obj, "sgd", np.zeros((3, 3)))) == \
        "«Swarm|starts: expected an (N, 2) array of points, got shape (3, 3)»"
    assert _message(lambda: pca_plane(np.zeros((4, 3)), np.zeros(3))) == \
        "«Landscape|pca_plane: every point is at the origin: the runs have not moved yet»"
