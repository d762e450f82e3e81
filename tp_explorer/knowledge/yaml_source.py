"""Safe reading of a YAML knowledge file into plain values, with the line and column of each.

Only safe-loader machinery is used (libyaml's parser where PyYAML has it), and only to
*compose* nodes: the file is never constructed into arbitrary objects. Limits (size, aliases,
nodes, depth) are checked while reading so a hostile or broken file is refused quickly instead
of exhausting memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from tp_explorer.knowledge.problems import KnowledgeError, Problem

MAX_BYTES = 2 * 1024 * 1024
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


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


if getattr(yaml, "__with_libyaml__", False):

    class _EventLoader(
        yaml.composer.Composer,
        yaml.cyaml.CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml's scanner and parser (C) under PyYAML's own composer (Python).

        Scanning and parsing are most of the time a pure-Python load takes (about 0.25 s of
        0.3 s for regions.yaml at start-up); composing stays in Python so the limits below are
        checked node by node, before anything is built.
        """

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:  # PyYAML built without libyaml: the same events from the pure-Python parser
    _EventLoader = yaml.SafeLoader  # type: ignore[misc,assignment]


class _Counting:
    """Counts aliases, nodes and nesting depth while composing (mixed into a safe loader)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(
                    event.start_mark,
                    f"more than {MAX_ALIASES} aliases (*name); refusing a possible alias bomb",
                )
        else:
            self._nodes += 1
            if self._nodes > MAX_NODES:
                raise _Refused(event.start_mark, f"more than {MAX_NODES} values in the file")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _CountingLoader(_Counting, _EventLoader):  # type: ignore[misc,valid-type]
    """The loader ``load_yaml`` uses: libyaml's events where PyYAML has them."""


class _CountingPureLoader(_Counting, yaml.SafeLoader):  # type: ignore[misc]
    """The same on the pure-Python parser (what PyYAML without libyaml gives; for tests)."""


def _mark(m: yaml.Mark | None) -> Mark:
    if m is None:
        return Mark(1, 1)
    return Mark(m.line + 1, m.column + 1)


def _file_problem(file: str, message: str, mark: Mark = Mark(1, 1), **kw: str) -> KnowledgeError:
    return KnowledgeError([Problem(file, mark.line, mark.column, "", message, **kw)])


def _read_text(path: Path) -> str:
    file = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _file_problem(
            file, "file not found", expected="a path to a regions YAML file"
        ) from None
    except OSError as exc:
        raise _file_problem(file, f"cannot open the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _file_problem(file, "this is a directory, not a file", expected="a YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise _file_problem(file, "not a regular file", expected="a YAML file")
    if info.st_size > MAX_BYTES:
        raise _file_problem(
            file,
            "file is too large to be a knowledge file",
            got=f"{info.st_size} bytes",
            expected=f"at most {MAX_BYTES} bytes (2 MB)",
        )
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _file_problem(file, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _file_problem(
            file,
            "file grew past the size limit while reading",
            expected=f"at most {MAX_BYTES} bytes (2 MB)",
        )
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
    path = Path(path)
    file = str(path)
    text = _read_text(path)
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

    def __init__(self, file: str, loader: _CountingLoader) -> None:
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
