"""Moved to ``factfinder.derive.stories``; this name stays for the modules that still import it
(``eval/__init__.py``, ``eval/disputes.py``). No logic here."""

from .derive.stories import *  # noqa: F401,F403
from .derive.stories import FuseOptions, Fuser, FusionResult, fuse, stories_pairwise_f1  # noqa: F401
