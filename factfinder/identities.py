"""Moved: the linking rules are ``factfinder.derive.identities``, the tables ``factfinder.store.identities``.
This name stays for the module that still imports it (``cases/case.py``). No logic here."""

from .derive.identities import ActorName, assign_block, describe, fold_token, same_actor  # noqa: F401
from .store.identities import identity_of  # noqa: F401
