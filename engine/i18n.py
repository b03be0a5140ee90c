"""Translation hooks for text the engine makes (error messages, explanations, declarations' names and help).

The engine stays free of Qt: ``translate(context, source)`` returns ``source`` (English) until a front end installs a
translator with ``set_translator`` — the window and the
headless command install Qt's ``QCoreApplication.translate``, so one Korean catalogue (resources/i18n/*.ts) serves
both. Qt's ``pyside6-lupdate`` finds the marked strings by their call: ``translate("Context", "literal")``, and
``QT_TRANSLATE_NOOP("Context", "literal")`` for text built at import time (a declaration's help), which is kept in
English there and translated where it is shown (``translate(context, text)`` with the same context).

Never build a marked string with ``+`` or an f-string, and pass nothing but the two literals (keyword arguments hide
the call from lupdate): the catalogue is keyed by the literal. Numbers go in afterwards with ``.format``.

Text declared at import time (an optimizer's title, a knob's help, an objective's name) is marked with the one
context ``DECLARED`` — ``QT_TRANSLATE_NOOP("Declarations", "Learning rate")`` — so whoever shows it translates it with
``declared(text)`` without knowing where it was declared. A scene's ``title`` and ``description`` may be a string or
``{"en": ..., "ko": ...}``; ``pick`` chooses the current language's.
"""

from __future__ import annotations

from collections.abc import Callable

DECLARED = "Declarations"

_translator: Callable[[str, str], str] | None = None
_language = "en"


def set_translator(fn: Callable[[str, str], str] | None, language: str = "en") -> None:
    """``fn(context, source) -> text`` from now on, for ``language`` (None: English again)."""
    global _translator, _language
    _translator = fn
    _language = language if fn is not None else "en"


def language() -> str:
    """The current language's code ("en", "ko")."""
    return _language


def translate(context: str, source: str) -> str:
    """``source`` in the current language. Fill fields afterwards: ``translate("Scene", "bad {key}").format(key=k)``
    (lupdate only finds calls whose arguments are the two literals; adjacent literals are joined as Python does)."""
    return _translator(context, source) if _translator is not None and source else source


def declared(text: str) -> str:
    """Text marked with ``QT_TRANSLATE_NOOP("Declarations", ...)`` in the current language."""
    return translate(DECLARED, text)


def pick(text: str | dict | None) -> str:
    """A scene's title or description in the current language: a plain string as it is; of a ``{"en": ..., "ko":
    ...}`` mapping the current language's entry, else English, else the first."""
    if text is None:
        return ""
    if isinstance(text, dict):
        return str(text.get(_language) or text.get("en") or next(iter(text.values()), ""))
    return text


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``source`` for the catalogue without translating it (for text made at import time)."""
    return source
