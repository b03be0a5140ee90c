"""The engine's texts in the real Korean catalogue (resources/i18n/playground_ko.qm, installed as the window installs
it): every optimizer's and schedule's declared text has its Korean, and the texts the engine builds (rule rows,
validation messages, formula errors, suggestions, the Explain notes) come out in Korean with every number in place.
Back in English they are the English ones again."""

from __future__ import annotations

import re

import pytest

from engine import OPTIMIZERS, SCHEDULES, WARMUP, PlaygroundError, RunSpec, Session, get_optimizer, make_objective
from engine import i18n as engine_i18n
from engine.explain import QUANTITIES, preview_step, rule_rows
from engine.formula import parse
from engine.schedules import make_schedule
from engine.suggest import suggest_hyperparams
from engine.teaching import Teacher, Toggles
from gui import i18n

HANGUL = re.compile(r"[\uac00-\ud7a3]")
FIELD = re.compile(r"\{[A-Za-z_]\w*\}")


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    try:
        yield
    finally:
        i18n.set_language("en")


def _specs():
    for spec in OPTIMIZERS.values():
        yield spec
        if spec.book is not None:
            yield spec.book


def _message(fn) -> str:
    with pytest.raises(PlaygroundError) as e:
        fn()
    return str(e.value)


def test_every_declared_text_of_the_optimizers_and_schedules_has_its_korean(korean):
    texts = []
    for spec in _specs():
        texts += [spec.explanation, *(h.help for h in spec.hyperparams)]
        # the names, formulas, torch calls and papers stay as they are; the words around them are translated
        texts += [t for t in (spec.title, spec.torch, spec.rule, spec.reference)
                  if re.search(r"\b(book|no|not|as|once)\b", t)]
    for sched in SCHEDULES.values():
        texts += [sched.title, *(p.help for p in sched.params)]
    texts += [p.help for p in WARMUP] + [title for title, _per in QUANTITIES.values()]
    missing = [t for t in dict.fromkeys(texts) if not HANGUL.search(engine_i18n.declared(t))]
    assert not missing, missing
    assert engine_i18n.declared(OPTIMIZERS["momentum"].book.title) == "Momentum (책)"


def test_messages_rows_and_notes_come_out_in_korean(korean):
    assert _message(lambda: get_optimizer("sgd").resolve({"lr": -1})) == \
        "잘못된 학습률: -1 (0 ≤ lr ≤ 1e+06이어야 합니다)"
    assert _message(lambda: parse("x +")) == \
        "수식 오류 (4번째 열): 수식이 너무 일찍 끝납니다 (숫자, 이름 또는 '('가 빠졌습니다)"
    assert make_schedule("cosine", warmup={"steps": 5}).describe() == "코사인 스케줄 (5 스텝 워밍업 후)"
    session = Session(make_objective({"name": "bowl"}), [RunSpec("adam", "a", {"lr": 0.05, "amsgrad": True})])
    session.step(2)
    rows = rule_rows(preview_step(session, 0))
    texts = [t for r in rows for t in (r.text, r.aside)]
    assert any(t.startswith("편향 보정 (t = 3): 1−β₁ᵗ = 0.271, 1−β₂ᵗ = 0.002997") for t in texts), texts
    assert "좌표별 유효 학습률" in texts and "AMSGrad: 지금까지 가장 큰 v로 나눔" in texts
    assert not any(FIELD.search(t) for t in texts)
    reason = suggest_hyperparams(make_objective({"name": "bowl"}), (-7.0, 2.0), "sgd").reason
    assert reason == "η = 0.073: 첫 스텝이 화면의 약 3%만큼 움직이도록 선택 (torch의 기본값은 0.001)"
    lesson = Teacher().compute(session, session.snapshot(), 0, Toggles(), quantity="velocity")
    assert lesson.state_note == "여기에는 |V|을(를) 가진 실행이 없습니다."
    assert "등위선에 ⟂" in lesson.overlay.caption


def test_back_in_english_the_engine_speaks_english(korean):
    i18n.set_language("en")
    assert engine_i18n.language() == "en"
    assert _message(lambda: get_optimizer("sgd").resolve({"lr": -1})) == \
        "Invalid learning rate: -1 (expected 0 ≤ lr ≤ 1e+06)"
    assert engine_i18n.declared(OPTIMIZERS["sgd"].explanation).startswith("Gradient descent: step straight downhill")
