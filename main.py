"""Optimizer Playground: ``python main.py`` opens the window; ``--headless`` runs a scene without one."""

from __future__ import annotations

import argparse
import os
import sys


class _Parser(argparse.ArgumentParser):
    """Invalid arguments are invalid input like any other: one line on stderr and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see main.py --help)\n")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = _Parser(prog="main.py", description="Watch optimizers race across a loss surface.")
    p.add_argument("--scene", metavar="FILE", help="scene file to open (JSON, version 1)")
    p.add_argument("--headless", action="store_true", help="run the scene without a window")
    p.add_argument("--steps", type=int, metavar="N", help="steps to run (overrides the scene's)")
    p.add_argument("--csv", metavar="OUT", help="headless: write optimizer,step,x,y,loss rows")
    p.add_argument("--png", metavar="OUT", help="headless: write the contour and loss picture")
    p.add_argument("--width", type=int, metavar="PX",
                   help="headless: figure width (default 1600; 800 for --gif)")
    p.add_argument("--every", type=int, metavar="K", help="headless: the CSV has steps 0, K, 2K, … and the last "
                   "(a network scene computes its full-data loss only there)")
    p.add_argument("--sweep", metavar="OUT", help="headless: write the scene's sweep as optimizer,x,y,loss,"
                   "steps_to_tol,diverged_at rows (the race is then run only for --csv or --png)")
    p.add_argument("--basins", metavar="OUT", help="headless: write the scene's basin map as optimizer,x0,y0,x,y,"
                   "loss,diverged_at rows")
    p.add_argument("--gif", metavar="OUT", help="headless: write the race from step 0 as an animated GIF")
    p.add_argument("--fps", type=_fps, metavar="F", help="headless: --gif frames per second (default 10)")
    p.add_argument("--svg", metavar="OUT", help="headless: write the picture as SVG")
    p.add_argument("--pdf", metavar="OUT", help="headless: write the picture as PDF")
    p.add_argument("--layout", choices=("single", "grid"), default="single",
                   help="headless: one contour view (single) or one panel per run (grid)")
    p.add_argument("--lang", choices=("ko", "en"),
                   help="language of the window, messages and figures (default: the last one chosen, else the "
                        "system's)")
    args = p.parse_args(argv)
    if args.fps is not None and not args.gif:
        p.error("--fps applies to --gif only")
    return args


def _fps(text: str) -> float:
    from engine.limits import MAX_FPS

    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < v <= MAX_FPS:
        raise argparse.ArgumentTypeError(f"{text} is out of range (0 < fps ≤ {MAX_FPS})")
    return v


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.headless:
        if not args.scene:
            print("error: --headless needs --scene FILE", file=sys.stderr)
            return 2
        from engine.headless import main as headless_main

        writer, figures = None, []
        app = None
        if args.png or args.gif or args.svg or args.pdf:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from PySide6.QtWidgets import QApplication

            # one application for every figure written, alive until they all are
            app = QApplication.instance() or QApplication([])
        if args.lang == "ko":
            from PySide6.QtCore import QCoreApplication

            from gui.i18n import set_language

            # messages and figures in Korean: Qt's translators need an application (a plain one without figures)
            app = app or QCoreApplication.instance() or QCoreApplication([])
            set_language(args.lang)
        if args.png:
            from functools import partial

            from gui.export import write_scene_png

            writer = partial(write_scene_png, layout=args.layout)
        if args.gif:
            from gui.animation import write_scene_gif

            def gif(sc, se, sn):
                write_scene_gif(sc, se, sn, args.gif, args.width or 800, args.fps or 10.0, args.layout)
            gif.kind = "gif"  # headless refuses an animation of a network race
            figures.append(gif)
        for fmt in ("svg", "pdf"):
            if getattr(args, fmt):
                from gui.vector import write_scene_vector

                figures.append(lambda sc, se, sn, fmt=fmt: write_scene_vector(
                    sc, se, sn, getattr(args, fmt), args.width or 1600, fmt, args.layout))
        status = headless_main(args.scene, args.steps, args.csv, args.png, writer, args.width or 1600,
                               sweep_path=args.sweep, basins_path=args.basins, figure_writers=figures,
                               every=args.every)
        del app
        return status
    from gui.app import run

    return run(args.scene, args.lang)


if __name__ == "__main__":
    sys.exit(main())
