"""Sub-command: quiz [--seed N] [--rounds N]: open the window straight into the referral quiz."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-commands."""
    p = sub.add_parser(
        "quiz",
        help="open the window in the referral quiz for students",
        description="Open the window in the referral quiz. The same --seed asks the same questions.",
    )
    p.add_argument(
        "--seed", type=int, default=None, help="repeatable quiz: the same seed, the same questions"
    )
    p.add_argument("--rounds", type=int, default=10, help="number of questions (default 10)")
    p.set_defaults(handler=run_quiz)


def run_quiz(args: argparse.Namespace) -> int:
    from tp_explorer.errors import InputError

    if args.rounds < 1:
        raise InputError("--rounds must be at least 1")
    from tp_explorer.ui.app import run_quiz_window

    return run_quiz_window(
        regions=getattr(args, "regions", None), seed=args.seed, rounds=args.rounds
    )
