"""YAML for config.yaml and front matter: safe tags only, bounded work, duplicate keys refused.

PyYAML's `safe_load` runs no code, but it still expands aliases without limit (a "billion laughs" alias
bomb of a few hundred bytes reaches gigabytes) and recurses once per nesting level (deep `[[[[…` ends in
RecursionError). This loader composes the node graph first, refusing more than `MAX_ALIASES` alias uses
or a nesting deeper than `MAX_DEPTH`, both of which no real config or front matter needs, and a mapping
that gives one key twice (YAML says keys are unique; PyYAML silently keeps the last). Every refusal is a
`YamlLimit` with the line and column it was found at.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_ALIASES = 100
MAX_DEPTH = 50
MAX_NODES = 100_000

try:  # the C parser where PyYAML has it: faster, same results
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class YamlLimit(yaml.YAMLError):
    """A document refused for its shape: too many aliases, too deep, too big, or a duplicate key."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def _scan(text: str) -> None:
    """Depth and alias uses from the event stream, before anything recursive (the composer) sees the text."""
    loader = _Base(text)
    depth = aliases = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlLimit(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise YamlLimit(f"more than {MAX_ALIASES} alias uses (*name)", event.start_mark)
    except YamlLimit:
        raise
    except yaml.YAMLError as exc:
        # Newer libyaml (PyYAML 6.0.4's wheels) stops deep flow nesting itself while it scans ahead for a
        # key, before our count sees the events: the same refusal, said the same way on every version.
        if "nesting depth" in str(getattr(exc, "problem", "") or exc):
            raise YamlLimit(f"nested more than {MAX_DEPTH} levels deep", getattr(exc, "problem_mark", None)) from None
        raise
    finally:
        loader.dispose()


def _check(root: yaml.Node) -> None:
    """Duplicate keys, and the size the document would have with every alias expanded (a bomb's is huge)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            if known < 0:
                raise YamlLimit("an alias refers to a value that contains it (a recursive structure)", node.start_mark)
            return known
        sizes[id(node)] = -1
        total = 1
        if isinstance(node, yaml.MappingNode):
            keys: dict[Any, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    ident = (key.tag, key.value)
                    if ident in keys:
                        first = keys[ident].start_mark.line + 1
                        raise YamlLimit(f"duplicate key {key.value!r} (first given on line {first})", key.start_mark)
                    keys[ident] = key
                total += size(key) + size(value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        if total > MAX_NODES:
            raise YamlLimit(
                f"more than {MAX_NODES:,} values once its aliases are expanded (an alias bomb?)", node.start_mark
            )
        sizes[id(node)] = total
        return total

    size(root)


def load(text: str) -> Any:
    """The document in `text` (None if empty). Raises yaml.YAMLError, with a mark, for any problem."""
    _scan(text)
    loader = _Base(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def located(exc: yaml.YAMLError) -> tuple[int | None, int | None, str]:
    """0-based line and column a YAML error should be reported at, and its message.

    libyaml notices an unclosed `[` or `"` only where the next thing fails to fit, often a line or more
    later; the construct that was left open (its `context_mark`) is where the mistake is, so that is
    the place named, with where it was noticed in the message.
    """
    problem = str(getattr(exc, "problem", None) or exc)
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if mark is None:
        return None, None, problem
    opened = context is not None and ("flow" in context or "quoted" in context)  # not block structure
    if opened and context_mark is not None and context_mark.line < mark.line:
        return (
            context_mark.line,
            context_mark.column,
            f"{problem} ({context} that starts here; noticed at line {mark.line + 1}, column {mark.column + 1})",
        )
    return mark.line, mark.column, problem
