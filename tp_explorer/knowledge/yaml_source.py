"""Safe reading of a YAML knowledge file into plain values, with the line and column of each.

Only safe-loader machinery is used (libyaml's parser where PyYAML has it), and only to
*compose* nodes: the file is never constructed into arbitrary objects. Limits (size, aliases,
nodes, depth) are checked while reading so a hostile or broken file is refused quickly instead
of exhausting memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import Node
from yaml.resolver import Resolver

from tp_explorer.knowledge.problems import NO_VALUE, KnowledgeError, Problem, describe_value
from tp_explorer.knowledge.source_file import MAX_BYTES, file_problem, read_source

__all__ = [
    "MAX_BYTES",
    "Mark",
    "PathKey",
    "YamlDocument",
    "format_path",
    "load_yaml",
    "parse_yaml",
]

MAX_ALIASES = 100
MAX_NODES = 200_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the file."""

    line: int
    column: int


@dataclass(frozen=True)
class YamlDocument:
    """The file's content as plain dicts, lists and scalars, plus where each value sits."""

    file: str
    data: object
    positions: dict[PathKey, Mark]

    def mark(self, path: PathKey) -> Mark:
        """Position of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def problem(
        self, path: PathKey, message: str, expected: str | None = None, value: object = NO_VALUE
    ) -> Problem:
        """A Problem at ``path`` (where the file has it, else its nearest ancestor)."""
        mark = self.mark(path)
        got = None if value is NO_VALUE else describe_value(value)
        return Problem(self.file, mark.line, mark.column, format_path(path), message, got, expected)


class _Refused(Exception):
    def __init__(self, mark: object, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Limits:
    """Counts aliases, nodes and nesting depth while composing, refusing past the limits."""

    def __init__(self) -> None:
        self.aliases = 0
        self.nodes = 0
        self.depth = 0

    def enter(self, event: object) -> None:
        mark = getattr(event, "start_mark", None)
        if isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(
                    mark, f"more than {MAX_ALIASES} aliases (*name); refusing a possible alias bomb"
                )
        else:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise _Refused(mark, f"more than {MAX_NODES} values in the file")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.depth -= 1
            raise _Refused(mark, f"nested deeper than {MAX_DEPTH} levels")

    def leave(self) -> None:
        self.depth -= 1


class _CountingPureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with the limits checked node by node (PyYAML built
    without libyaml gives this; tests use it to compare)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.limits = _Limits()

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        # types-PyYAML leaves the pure parser's peek_event unannotated (libyaml's is typed)
        self.limits.enter(self.peek_event())  # type: ignore[no-untyped-call]
        try:
            return super().compose_node(parent, index)
        finally:
            self.limits.leave()


_CountingLoader: type[_CountingPureLoader | _CountingFastLoader]

if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _CountingFastLoader(Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (C) under PyYAML's own composer (Python).

        Scanning and parsing are most of the time a pure-Python load takes (about 0.25 s of
        0.3 s for regions.yaml at start-up); composing stays in Python so the limits are
        checked node by node, before anything is built.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.limits = _Limits()

        def compose_node(self, parent: Node | None, index: int) -> Node | None:
            self.limits.enter(self.peek_event())
            try:
                return super().compose_node(parent, index)
            finally:
                self.limits.leave()

    _CountingLoader = _CountingFastLoader
else:  # PyYAML built without libyaml: the same events from the pure-Python parser
    _CountingLoader = _CountingPureLoader


def _mark(m: object) -> Mark:
    line, column = getattr(m, "line", None), getattr(m, "column", None)
    if not isinstance(line, int) or not isinstance(column, int):
        return Mark(1, 1)
    return Mark(line + 1, column + 1)


def _file_problem(file: str, message: str, mark: Mark = Mark(1, 1), **kw: str) -> KnowledgeError:
    return file_problem(file, message, mark.line, mark.column, **kw)


def _decode(file: str, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _file_problem(
            file,
            "the file is not valid UTF-8 text",
            Mark(line, column),
            got=f"byte 0x{raw[exc.start]:02x}",
            expected="UTF-8 encoded text (save the file as UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(file: str, exc: yaml.YAMLError) -> KnowledgeError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        started = getattr(exc, "context_mark", None)
        where = f" started at line {started.line + 1}" if started is not None else ""
        message += f" ({context}{where})"
    # PyYAML's parser quotes the character ('\t'); libyaml's says "a tab character"
    if "'\\t'" in str(problem) or "\t" in str(problem) or "tab character" in str(problem):
        message += "; tabs are not allowed for indentation in YAML, use spaces"
    if isinstance(exc, yaml.reader.ReaderError):
        message = f"the file contains a character YAML does not allow: {exc.reason}"
        return _file_problem(file, message, Mark(1, exc.position + 1))
    return _file_problem(file, message, _mark(mark))


def load_yaml(path: str | os.PathLike[str]) -> YamlDocument:
    """Read, size-check, decode and compose ``path``; raise KnowledgeError naming the place."""
    return parse_yaml(str(Path(path)), read_source(path))


def parse_yaml(file: str, raw: bytes) -> YamlDocument:
    """Decode and compose the bytes of ``file``; raise KnowledgeError naming the place."""
    text = _decode(file, raw)
    loader = _CountingLoader(text)
    try:
        root = loader.get_single_node()
    except _Refused as exc:
        raise _file_problem(file, exc.message, _mark(exc.mark)) from None
    except yaml.YAMLError as exc:
        raise _syntax_problem(file, exc) from None
    except RecursionError:
        raise _file_problem(file, f"nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    if root is None:
        raise _file_problem(
            file, "the file is empty", expected="a regions knowledge base"
        ) from None
    converter = _Converter(file, loader)
    data = converter.convert(root, ())
    if converter.problems:
        raise KnowledgeError(converter.problems)
    return YamlDocument(file, data, converter.positions)


class _Converter:
    """Turns composed nodes into plain values, recording positions and node-level problems."""

    def __init__(self, file: str, loader: SafeConstructor) -> None:
        self.file = file
        self.loader = loader
        self.positions: dict[PathKey, Mark] = {}
        self.problems: list[Problem] = []
        self.visited = 0

    def _problem(self, node: yaml.Node, path: PathKey, message: str, **kw: str) -> None:
        m = _mark(node.start_mark)
        self.problems.append(Problem(self.file, m.line, m.column, format_path(path), message, **kw))

    def convert(self, node: yaml.Node, path: PathKey) -> object:
        self.visited += 1
        if self.visited > MAX_NODES:
            m = _mark(node.start_mark)
            raise KnowledgeError(
                [
                    Problem(
                        self.file,
                        m.line,
                        m.column,
                        format_path(path),
                        f"the file expands to more than {MAX_NODES} values through aliases; "
                        "refusing a possible alias bomb",
                    )
                ]
            )
        self.positions.setdefault(path, _mark(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self._problem(
                    node,
                    path,
                    "tag not allowed",
                    got=node.tag,
                    expected="a plain mapping without a tag",
                )
                return None
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._problem(
                    node,
                    path,
                    "tag not allowed",
                    got=node.tag,
                    expected="a plain list without a tag",
                )
                return None
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag not in _SCALAR_TAGS:
            self._problem(
                node,
                path,
                "tag or value type not allowed",
                got=node.tag,
                expected="text, a number, true/false or null (quote dates and "
                "other special values)",
            )
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            self._problem(node, path, f"cannot read this value: {exc}")
            return None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            if not (
                isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"
            ):
                self._problem(
                    key_node,
                    path,
                    "keys must be plain names",
                    got=str(getattr(key_node, "value", key_node.tag))[:40],
                    expected="a lowercase name such as 'id'",
                )
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key '{key}' (first at line {first.line})",
                    expected="each key once per mapping",
                )
                continue
            first_seen[key] = _mark(key_node.start_mark)
            result[key] = self.convert(value_node, (*path, key))
        return result


def format_path(path: PathKey) -> str:
    """('sites', 2, 'chain') -> 'sites[2].chain'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
