"""Hostile and broken formulas: only the documented grammar is accepted, never anything executed.

engine.formula is its own tokenizer and recursive-descent parser, so these tests pin down what it rejects (with a
message naming the offending token or character and, where one applies, its column) and what it accepts (with the
value it must compute), and prove that payloads which *would* touch the file system when executed by Python do not,
whichever way they enter: engine.parse_formula, engine.make_objective, or a scene file run by ``main.py --headless``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import FormulaError, PlaygroundError, make_objective, parse_formula
from engine import formula as F

ROOT = Path(__file__).resolve().parents[2]
FUNCS = "sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh"

# (text, a fragment the message must contain, 0-based column of the problem or None where no column applies)
REJECTED = [
    # code injection and Python syntax
    ("__import__('os').system('touch /tmp/x')", "strings are not allowed", 11),
    ("__import__", "unknown name '__import__'", 0),
    ("__builtins__", "unknown name '__builtins__'", 0),
    ("open('f','w')", "strings are not allowed", 5),
    ("exec('1')", "strings are not allowed", 5),
    ("eval('1')", "strings are not allowed", 5),
    ("print(x)", "unknown name 'print'", 0),
    ("globals()", "unknown name 'globals'", 0),
    ("getattr(x, 'y')", "functions take one argument", 9),
    ("import os", "unknown name 'import'", 0),
    ("x.__class__", "attribute access is not allowed", 1),
    ("x.real", "attribute access is not allowed", 1),
    ("1 .real", "attribute access is not allowed", 2),
    ("[x for x in y]", "use round brackets", 0),
    ("lambda: 0", "unexpected character ':'", 6),
    ("lambda x: x", "unexpected character ':'", 8),
    ("x if y else 1", "unexpected 'if'", 2),
    ("not x", "unknown name 'not'", 0),
    ("x and y", "unexpected 'and'", 2),
    ("x or y", "unexpected 'or'", 2),
    ("None", "unknown name 'None'", 0),
    ("True", "unknown name 'True'", 0),
    ("inf", "unknown name 'inf'", 0),
    ("nan", "unknown name 'nan'", 0),
    ("x;y", "unexpected character ';'", 1),
    ("x # c", "unexpected character '#'", 2),
    ("x = 1", "unexpected character '='", 2),
    ("x := 1", "unexpected character ':'", 2),
    ("(x := 1)", "unexpected character ':'", 3),
    ("f'{x}'", "strings are not allowed", 1),
    ('"x"', "strings are not allowed", 0),
    ("b'x'", "strings are not allowed", 1),
    ("`x`", "unexpected character '`'", 0),
    ("{x}", "use round brackets", 0),
    ("{'a': 1}", "use round brackets", 0),
    ("x[0]", "use round brackets", 1),
    ("x\\y", "unexpected character '\\\\'", 1),
    ("x\\\ny", "unexpected character '\\\\'", 1),
    # operators outside the grammar
    ("x @ y", "unexpected character '@'", 2),
    ("x % y", "unexpected character '%'", 2),
    ("x // y", "unexpected '/'", 3),
    ("x == y", "unexpected character '='", 2),
    ("x != y", "unexpected character '!'", 2),
    ("x < y", "unexpected character '<'", 2),
    ("x << 2", "unexpected character '<'", 2),
    ("x & y", "unexpected character '&'", 2),
    ("x | y", "unexpected character '|'", 2),
    ("~x", "unexpected character '~'", 0),
    ("x!", "unexpected character '!'", 1),
    ("x$", "unexpected character '$'", 1),
    ("x?", "unexpected character '?'", 1),
    # brackets, functions and names
    ("(x", "'(' is never closed", 0),
    ("sin((x)", "'(' is never closed", 3),
    ("x)", "unmatched ')'", 1),
    ("sqrt(x))", "unmatched ')'", 7),
    (")(", "unexpected ')'", 0),
    ("()", "unexpected ')'", 1),
    ("sin()", "unexpected ')'", 4),
    ("sin(x, y)", "functions take one argument", 5),
    ("(x, y)", "functions take one argument", 2),
    ("log(,)", "functions take one argument", 4),
    ("sin", "sin needs an argument in brackets", 3),
    ("sin x", "sin needs an argument in brackets", 4),
    ("sinx", "unknown name 'sinx'", 0),
    ("Sin(x)", "unknown name 'Sin'", 0),
    ("X", "unknown name 'X'", 0),
    ("PI", "unknown name 'PI'", 0),
    ("x2", "unknown name 'x2'", 0),
    ("x()", "unexpected '('", 1),
    ("pi()", "unexpected '('", 2),
    ("tanh(x)(y)", "unexpected '('", 7),
    # numbers
    ("0x10", "unexpected 'x10'", 1),
    ("1_000", "unexpected '_000'", 1),
    ("1e", "unexpected 'e'", 1),
    ("1e5e5", "unexpected 'e5'", 3),
    ("1..2", "unexpected '.2'", 2),
    ("x..y", "attribute access is not allowed", 1),
    (".", "attribute access is not allowed", 0),
    ("2x", "unexpected 'x'", 1),
    ("2 3", "unexpected '3'", 2),
    ("x y", "unexpected 'y'", 2),
    # dangling operators
    ("**x", "unexpected '**'", 0),
    ("*x", "unexpected '*'", 0),
    ("/x", "unexpected '/'", 0),
    ("x**", "ends too early", 3),
    ("x^", "ends too early", 2),
    ("x**-", "ends too early", 4),
    ("x**y**", "ends too early", 6),
    ("x+", "ends too early", 2),
    ("-", "ends too early", 1),
    ("*", "unexpected '*'", 0),
    # empty input and control characters
    ("", "the formula is empty", None),
    ("   ", "the formula is empty", None),
    ("\t\n \r", "the formula is empty", None),
    ("\x00", "unexpected character '\\x00'", 0),
    ("x\x00", "unexpected character '\\x00'", 1),
    ("x + \x00y", "unexpected character '\\x00'", 4),
    ("\x1b[31mx", "unexpected character '\\x1b'", 0),
    ("\x7f", "unexpected character '\\x7f'", 0),
    ("x\ny", "unexpected 'y'", 2),
    ("y\r\nz", "unexpected 'z'", 3),
    # unicode tricks
    ("x²", "unexpected character '²'", 1),
    ("x\u00b2 + y\u00b2", "unexpected character '²'", 1),
    ("\uff58", "unexpected character 'ｘ'", 0),  # full-width x
    ("\uff53\uff49\uff4e(x)", "unexpected character 'ｓ'", 0),  # full-width sin
    ("x\u00a0+ y", "unexpected character '\\xa0'", 1),  # no-break space
    ("\u2212x", "unexpected character '−'", 0),  # minus sign
    ("x\u200b", "unexpected character '\\u200b'", 1),  # zero-width space
    ("x \u2028+ y", "unexpected character '\\u2028'", 2),  # line separator
    ("\u0455in(x)", "unexpected character 'ѕ'", 0),  # Cyrillic dze, looks like s
    ("x\u0301", "unexpected character", 1),  # combining accent
    ("\U0001d465", "unexpected character", 0),  # mathematical italic x
    ("x\ud800", "unexpected character '\\ud800'", 1),  # lone surrogate
    # limits
    ("(" * (F.MAX_DEPTH + 1) + "x" + ")" * (F.MAX_DEPTH + 1), "nested too deeply", F.MAX_DEPTH),
    ("sin(" * (F.MAX_DEPTH + 1) + "x" + ")" * (F.MAX_DEPTH + 1), "nested too deeply", 4 * F.MAX_DEPTH + 3),
    ("-" * (F.MAX_DEPTH + 1) + "x", "nested too deeply", F.MAX_DEPTH),
    ("2**" * (F.MAX_DEPTH + 1) + "2", "nested too deeply", 3 * F.MAX_DEPTH + 1),
    ("x+" * 201 + "x", "formula too large (more than 400 parts)", None),
    ("x" * (F.MAX_LENGTH + 1), f"too long ({F.MAX_LENGTH + 1} characters; at most {F.MAX_LENGTH})", None),
    ("1+" * 5000 + "1", "too long", None),
    (" " * (F.MAX_LENGTH + 1), "too long", None),
]


def _id(case) -> str:
    return ascii(case[0])[1:-1][:40] or "<empty>"


@pytest.mark.parametrize("case", REJECTED, ids=_id)
def test_rejected_with_a_useful_message(case):
    text, fragment, position = case
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    err = info.value
    msg = str(err)
    assert isinstance(err, PlaygroundError)
    assert msg.startswith("Formula error")
    assert fragment in msg, msg
    assert "\n" not in msg
    if position is None:
        return
    assert err.position == position, msg
    assert f"at column {position + 1}:" in msg


def test_corpus_is_large_and_distinct():
    texts = [t for t, _, _ in REJECTED]
    assert len(set(texts)) == len(texts)
    assert len(texts) >= 40


@pytest.mark.parametrize("case", REJECTED, ids=_id)
def test_rejected_by_make_objective_too(case):
    with pytest.raises(FormulaError):
        make_objective({"name": "formula", "expr": case[0]})


@pytest.mark.parametrize("value", [None, 1, 1.5, b"x", ["x"], {"x": 1}, True])
def test_formula_must_be_text(value):
    with pytest.raises(FormulaError, match=f"expected text, got {type(value).__name__}"):
        parse_formula(value)
    with pytest.raises(FormulaError, match="expected text"):
        make_objective({"name": "formula", "expr": value})


def test_position_points_at_the_offending_character():
    cases = {
        "x + y * __import__": "__import__",
        "sin(x) + cos(y)) - 1": ")",
        "  x ** 2 + 3 @ y": "@",
        "exp(x) * y[1]": "[",
        "x + x.y": ".",
        "x + 'a'": "'",
        "2 * x²": "²",
    }
    for text, culprit in cases.items():
        with pytest.raises(FormulaError) as info:
            parse_formula(text)
        pos = info.value.position
        assert text[pos:].startswith(culprit), (text, pos)
        assert f"at column {pos + 1}" in str(info.value)


# ---- what the grammar does accept ---------------------------------------------------------------------------------

X0, Y0 = 1.5, -0.5

# (text, f(X0, Y0))
ACCEPTED = [
    ("x", X0),
    ("--x", X0),
    ("+-+x", -X0),
    ("- - - y", -Y0),
    ("-x**2", -(X0**2)),
    ("(-x)**2", X0**2),
    ("2**-1", 0.5),
    ("2^-1", 0.5),
    ("2**3**2", 512.0),
    ("2^3^2", 512.0),
    ("x^y", X0**Y0),
    ("1.", 1.0),
    (".5", 0.5),
    ("1E3", 1000.0),
    ("1e-3", 1e-3),
    ("2.5e+2", 250.0),
    ("007", 7.0),
    ("pi", math.pi),
    ("e", math.e),
    ("e**x", math.exp(X0)),
    ("sin(x)**2 + cos(x)**2", 1.0),
    ("abs(-x) + sqrt(4) + log(e) + exp(0) + tanh(0) + sinh(0) + cosh(0) + tan(0)", X0 + 2 + 1 + 1 + 0 + 0 + 1 + 0),
    ("(((x)))", X0),
    ("\tx\n+\ry\x0b\x0c", X0 + Y0),
    ("  x  ", X0),
    ("x/y/2", X0 / Y0 / 2),
    ("x-y-1", X0 - Y0 - 1),
    ("x*y", X0 * Y0),
    ("(" * F.MAX_DEPTH + "x" + ")" * F.MAX_DEPTH, X0),
    ("-" * F.MAX_DEPTH + "x", X0),
    ("x" + " " * (F.MAX_LENGTH - 1), X0),
    ("x/" * 199 + "x", X0 ** (-198)),  # the longest chain within MAX_NODES: its derivative is the deepest tree
    # overflow and domain errors are values, never exceptions
    ("9**9**9", math.inf),
    ("9^9^9^9^9", math.inf),
    ("(-9)**9**9", -math.inf),
    ("1e999999", math.inf),
    ("9" * 400, math.inf),
    ("-1e999", -math.inf),
    ("exp(1000)", math.inf),
    ("1/0", math.inf),
    ("log(0)", -math.inf),
    ("0/0", math.nan),
    ("sqrt(-1)", math.nan),
    ("log(-x)", math.nan),
    ("1e999 - 1e999", math.nan),
    ("(-8)**(1/3)", math.nan),
]


@pytest.mark.parametrize("text,expected", ACCEPTED, ids=[ascii(t)[1:-1][:40] for t, _ in ACCEPTED])
def test_accepted_edge_cases(text, expected):
    f = parse_formula(text)
    v = f.value(np.array([X0]), np.array([Y0]))
    gx, gy = f.grad(np.array([X0]), np.array([Y0]))
    assert v.dtype == gx.dtype == gy.dtype == np.float64
    assert v.shape == gx.shape == gy.shape == (1,)
    if math.isnan(expected):
        assert math.isnan(v[0])
    else:
        assert v[0] == pytest.approx(expected, rel=1e-12)


def test_accepted_through_make_objective_with_non_finite_values():
    obj = make_objective({"name": "formula", "expr": "9**9**9 * x"})
    P = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.0]])
    assert obj.value(P)[0] == math.inf and obj.value(P)[1] == -math.inf and math.isnan(obj.value(P)[2])
    assert obj.grad(P).dtype == np.float64


def test_a_non_finite_start_is_a_playground_error():
    obj = make_objective({"name": "formula", "expr": "9**9**9 + x"})
    from engine import RunSpec, Session

    with pytest.raises(PlaygroundError, match="not finite at the start point"):
        Session(obj, [RunSpec("sgd")])


def test_symbolic_gradients_of_accepted_formulas():
    f = parse_formula("x**2*y - sin(x)/y + exp(x*y)")
    x, y = np.array([X0]), np.array([Y0])
    gx, gy = f.grad(x, y)
    assert gx[0] == pytest.approx(2 * X0 * Y0 - math.cos(X0) / Y0 + Y0 * math.exp(X0 * Y0))
    assert gy[0] == pytest.approx(X0**2 + math.sin(X0) / Y0**2 + X0 * math.exp(X0 * Y0))


def test_limits_are_exact():
    parse_formula("x" + " " * (F.MAX_LENGTH - 1))
    with pytest.raises(FormulaError, match="too long"):
        parse_formula("x" + " " * F.MAX_LENGTH)
    parse_formula("(" * F.MAX_DEPTH + "x" + ")" * F.MAX_DEPTH)
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_formula("(" * (F.MAX_DEPTH + 1) + "x" + ")" * (F.MAX_DEPTH + 1))


def test_huge_power_towers_finish_quickly_in_a_subprocess():
    """``9**9**9`` must be float64 arithmetic (inf at once), never a Python big integer; a generous bound only."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import numpy as np; from engine.formula import parse\n"
        "for t in ['9**9**9', '9**9**9**9**9**9', '(9**9**9)**(9**9**9)', '99999**99999**99999']:\n"
        "    f = parse(t); v = f.value(np.zeros(1), np.zeros(1)); f.grad(np.zeros(1), np.zeros(1)); print(v[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["inf"] * 4


# ---- payloads that would write a file if executed ----------------------------------------------------------------

def _payloads(target: Path) -> list[str]:
    t = str(target)
    return [
        f"__import__('pathlib').Path('{t}').touch()",
        f'__import__("pathlib").Path("{t}").touch()',
        f"__import__('pathlib').Path('{t}').write_text('x')",
        f"open('{t}', 'w').close()",
        f"open('{t}','w')",
        f"(open('{t}', 'w').write('x'))",
        f"x + open('{t}', 'w').write('1')",
        f"__import__('os').system('touch {t}')",
        f"__import__('subprocess').call(['touch', '{t}'])",
        f"[open('{t}', 'w') for _ in [0]]",
        f"(lambda: open('{t}', 'w'))()",
        f"exec(\"open('{t}', 'w')\")",
        f"eval(\"open('{t}', 'w')\")",
        f"x.__class__.__base__.__subclasses__() or open('{t}', 'w')",
        f"().__class__.__mro__[1].__subclasses__() and open('{t}', 'w')",
        f"x if open('{t}', 'w') else y",
        f"(f := open('{t}', 'w'))",
        f"getattr(__builtins__, 'open')('{t}', 'w')",
        f"__builtins__.open('{t}', 'w')",
        f"globals()['__builtins__'].open('{t}', 'w')",
        f"sin(open('{t}', 'w'))",
        f"x; open('{t}', 'w')",
        f"x\nopen('{t}', 'w')",
        f"  open('{t}', 'w')",
    ]


def test_payloads_really_would_create_the_file_if_executed(tmp_path):
    """Control: Python's own eval of the same texts does create the file, so the next tests mean something."""
    target = tmp_path / "pwned"
    for payload in _payloads(target)[:7]:  # not [7]: no need to start a shell to make the point
        eval(payload, {"x": 1.0, "y": 2.0})  # noqa: S307 - deliberately, on a temporary path
        assert target.exists(), payload
        target.unlink()


def test_payloads_are_rejected_and_create_nothing(tmp_path):
    target = tmp_path / "pwned"
    payloads = _payloads(target)
    for payload in payloads:
        with pytest.raises(FormulaError):
            parse_formula(payload)
        with pytest.raises(PlaygroundError):
            make_objective({"name": "formula", "expr": payload})
        with pytest.raises(PlaygroundError):
            make_objective({"name": "formula", "expr": payload, "bounds": [-1, 1, -1, 1]})
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def _scene(expr: str) -> dict:
    return {
        "version": 1,
        "objective": {"name": "formula", "expr": expr},
        "steps": 3,
        "optimizers": [{"type": "sgd", "lr": 0.1}],
    }


@pytest.mark.parametrize("index", [0, 3, 7, 12, 17])
def test_payload_in_a_scene_run_headless_creates_nothing(tmp_path, index):
    target = tmp_path / "pwned"
    payload = _payloads(target)[index]
    scene = tmp_path / "evil.json"
    scene.write_text(json.dumps(_scene(payload)), encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [sys.executable, "main.py", "--headless", "--scene", str(scene), "--csv", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ")
    assert "Formula error" in lines[0] and "evil.json" in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not target.exists()
    assert not out.exists()


def test_payload_in_a_scene_loaded_in_process_creates_nothing(tmp_path):
    from engine import load_scene

    target = tmp_path / "pwned"
    for i, payload in enumerate(_payloads(target)):
        path = tmp_path / f"s{i}.json"
        path.write_text(json.dumps(_scene(payload)), encoding="utf-8")
        with pytest.raises(PlaygroundError, match="Formula error"):
            load_scene(path).build_session()
    assert not target.exists()
