"""What makes a translation unusable: a placeholder lost, invented or of another type, a lone % that
Python's formatting would choke on, or the wrong number of plural forms for the language."""

import re

from babel.messages.catalog import Message

# %(name)s, %(num)d, %s, %d, %.1f … and %% (a literal percent sign).
_CONVERSION = re.compile(r"%(?:%|\((?P<name>\w+)\)[-#0 +]*\d*(?:\.\d+)?(?P<type>[sdifr])|[-#0 +]*\d*(?:\.\d+)?[sdifr])")
# A plural form may leave out the count (Arabic's "one item" and "two items" name no number).
COUNT_NAMES = {"num", "count", "n", "number"}


def placeholders(text: str) -> list[str]:
    """The conversions of a message, ``name:type`` or ``%s``-style, in order (``%%`` left out)."""
    found = []
    for match in _CONVERSION.finditer(text):
        if match.group(0) == "%%":
            continue
        found.append(f"{match['name']}:{match['type']}" if match["name"] else match.group(0)[-1])
    return found


def has_lone_percent(text: str) -> bool:
    return "%" in _CONVERSION.sub("", text)


def message_problems(message: Message, num_plurals: int) -> list[str]:
    """What is wrong with ``message``'s translation (an empty list when nothing is)."""
    sources = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
    forms = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
    found = []
    if len(sources) > 1 and len(forms) != num_plurals:
        found.append(f"has {len(forms)} plural forms, the language has {num_plurals}")
    wanted = set().union(*(placeholders(source) for source in sources))
    formatted = not any(has_lone_percent(source) for source in sources)
    for index, form in enumerate(forms):
        if not form:
            continue
        label = f"plural form {index}" if len(sources) > 1 else "the translation"
        got = set(placeholders(form))
        last = index == len(forms) - 1
        may_omit = {p for p in wanted if p.split(":")[0] in COUNT_NAMES} if len(sources) > 1 and not last else set()
        lost = sorted(wanted - got - may_omit)
        invented = sorted(got - wanted)
        if lost:
            found.append(f"{label} loses {', '.join(_shown(p) for p in lost)}")
        if invented:
            found.append(f"{label} has {', '.join(_shown(p) for p in invented)}, which the English has not")
        if formatted and has_lone_percent(form):
            found.append(f"{label} has a lone % (write %% for a percent sign)")
    return found


def _shown(placeholder: str) -> str:
    name, _, kind = placeholder.partition(":")
    return f"%({name}){kind}" if kind else f"%{name}"
