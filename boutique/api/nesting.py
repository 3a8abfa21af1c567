"""How deeply a JSON body nests, told before it is parsed: Python's json parser recurses once per level,
so a few kilobytes of ``[[[[…`` would otherwise end in a RecursionError instead of a clear 400."""

import re

# No body the API documents nests deeper than 5 levels; 32 leaves room for any honest client.
MAX_JSON_DEPTH = 32

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def nests_deeper_than(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the brackets outside strings nest more than ``limit`` deep. Each round removes the
    innermost pairs with C-speed byte operations, so a long flat body costs no Python loop per byte, and a
    run of more than ``limit`` opening brackets ends it at once.
    Brackets that do not pair up stop the rounds early: that body is not JSON, and the parser says so."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    too_many_openers = re.compile(rb"[\[{]{%d}" % (limit + 1))
    for _round in range(limit):
        if too_many_openers.search(brackets):
            return True
        fewer = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if not fewer or len(fewer) == len(brackets):
            return False
        brackets = fewer
    return True
