"""The Korean catalogue: collect marked strings, list what is untranslated, fill translations in, compile.

    uv run python scripts/i18n.py update            # pyside6-lupdate: every marked string into resources/i18n/*.ko.ts
    uv run python scripts/i18n.py todo [--json F]   # the messages without a finished translation
    uv run python scripts/i18n.py fill F.json       # write translations from a todo list (then update + release)
    uv run python scripts/i18n.py release           # pyside6-lrelease: resources/i18n/playground_ko.qm (shipped)
    uv run python scripts/i18n.py all               # update, then release

One .ts file per source module (``gui_main_window.ko.ts`` for gui/main_window.py), so translations of different
modules never touch the same file. Locations are left out of the .ts files: a line moved in a source file does not
change its catalogue. tests/test_i18n.py runs the same update into a copy and fails on anything unfinished, stale or
not compiled.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "i18n"
QM = CATALOGUE / "playground_ko.qm"
MARKS = ("translate(", "QT_TRANSLATE_NOOP(")
SKIP = {"engine/i18n.py", "gui/i18n.py"}  # the marking functions themselves


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else name


def sources(root: Path = ROOT) -> list[Path]:
    """Every module with marked strings."""
    files = [root / "main.py", *sorted((root / "engine").glob("*.py")), *sorted((root / "gui").glob("*.py"))]
    out = []
    for f in files:
        rel = f.relative_to(root).as_posix()
        if rel in SKIP:
            continue
        text = f.read_text(encoding="utf-8")
        if any(m in text for m in MARKS):
            out.append(f)
    return out


def ts_for(source: Path, root: Path = ROOT, catalogue: Path = CATALOGUE) -> Path:
    rel = source.relative_to(root).with_suffix("")
    return catalogue / ("_".join(rel.parts) + ".ko.ts")


def update(root: Path = ROOT, catalogue: Path = CATALOGUE) -> list[Path]:
    """lupdate every source into its own .ts (obsolete messages dropped); removes .ts files of modules with no marks
    left. Returns the .ts files."""
    catalogue.mkdir(parents=True, exist_ok=True)
    wanted = []
    for src in sources(root):
        ts = ts_for(src, root, catalogue)
        subprocess.run([_tool("pyside6-lupdate"), str(src), "-ts", str(ts), "-locations", "none", "-no-obsolete",
                        "-source-language", "en_US", "-target-language", "ko_KR", "-silent"],
                       check=True, capture_output=True)
        if "<message" in ts.read_text(encoding="utf-8"):
            wanted.append(ts)  # (a module may say "translate(" of a transform and mark nothing)
    for stale in set(catalogue.glob("*.ko.ts")) - set(wanted):
        stale.unlink()
    return wanted


def release(catalogue: Path = CATALOGUE, qm: Path = QM) -> None:
    files = sorted(str(p) for p in catalogue.glob("*.ko.ts"))
    subprocess.run([_tool("pyside6-lrelease"), *files, "-qm", str(qm), "-silent"], check=True, capture_output=True)


def messages(catalogue: Path = CATALOGUE) -> list[dict]:
    """Every message: file, context, source, translation, finished."""
    out = []
    for ts in sorted(catalogue.glob("*.ko.ts")):
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name")
            for m in ctx.iter("message"):
                t = m.find("translation")
                out.append({"file": ts.name, "context": name, "source": m.findtext("source"),
                            "translation": (t.text or "") if t is not None else "",
                            "finished": t is not None and t.get("type") is None and bool(t.text)})
    return out


def fill(entries: list[dict], catalogue: Path = CATALOGUE) -> int:
    """Writes each entry's non-empty translation into its file (finished). Returns how many were written."""
    by_file: dict[str, dict[tuple[str, str], str]] = {}
    for e in entries:
        if e.get("translation"):
            by_file.setdefault(e["file"], {})[(e["context"], e["source"])] = e["translation"]
    n = 0
    for name, wanted in by_file.items():
        path = catalogue / name
        tree = ET.parse(path)
        for ctx in tree.getroot().iter("context"):
            cname = ctx.findtext("name")
            for m in ctx.iter("message"):
                key = (cname, m.findtext("source"))
                if key in wanted:
                    t = m.find("translation")
                    t.text = wanted[key]
                    t.attrib.pop("type", None)
                    n += 1
        tree.write(path, encoding="utf-8", xml_declaration=True)
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("command", choices=("update", "todo", "fill", "release", "all"))
    p.add_argument("file", nargs="?", help="fill: the JSON list to write")
    p.add_argument("--json", metavar="OUT", help="todo: write the list as JSON (to fill in and pass to fill)")
    args = p.parse_args(argv)
    if args.command in ("update", "all"):
        print(f"{len(update())} catalogue files")
    if args.command == "todo":
        todo = [m for m in messages() if not m["finished"]]
        if args.json:
            Path(args.json).write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
        for m in todo:
            print(f"{m['file']}  [{m['context']}]  {m['source']!r}")
        print(f"{len(todo)} unfinished of {len(messages())}")
    if args.command == "fill":
        if not args.file:
            p.error("fill needs the JSON file")
        n = fill(json.loads(Path(args.file).read_text(encoding="utf-8")))
        update()
        release()
        print(f"{n} translations written; catalogue updated and compiled")
    if args.command in ("release", "all"):
        release()
        print(f"wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
