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
    p.add_argument("--width", type=int, default=1600, metavar="PX", help="headless: PNG width (default 1600)")
    p.add_argument("--every", type=int, metavar="K", help="headless: the CSV has steps 0, K, 2K, … and the last "
                   "(a network scene computes its full-data loss only there)")
    p.add_argument("--sweep", metavar="OUT", help="headless: write the scene's sweep as optimizer,x,y,loss,"
                   "steps_to_tol,diverged_at rows (the race is then run only for --csv or --png)")
    p.add_argument("--basins", metavar="OUT", help="headless: write the scene's basin map as optimizer,x0,y0,x,y,"
                   "loss,diverged_at rows")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.headless:
        if not args.scene:
            print("error: --headless needs --scene FILE", file=sys.stderr)
            return 2
        from engine.headless import main as headless_main

        writer = None
        if args.png:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from gui.export import write_scene_png as writer
        return headless_main(args.scene, args.steps, args.csv, args.png, writer, args.width,
                             sweep_path=args.sweep, basins_path=args.basins, every=args.every)
    from gui.app import run

    return run(args.scene)


if __name__ == "__main__":
    sys.exit(main())
