"""Read a plan file safely and turn every failure into located `PlanError`s.

The only code that knows how a plan's YAML becomes Python values. It reads bytes,
decodes UTF-8 (naming the likely encoding when it is not), composes the YAML events
itself so that anchors, aliases, tags, merge keys, duplicate keys and deep nesting are
refused before anything is built, resolves plain scalars by YAML 1.2's core schema
(`no`, `on`, `010`, `1:30` stay text), and maps pydantic's and `checks`' error
locations back to `line:col`. Imports errors, model and checks; never ledger, render
or cli.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kexie_plan import checks
from kexie_plan.cache import key_of, read_cached, write_cached
from kexie_plan.decoding import guess_encoding
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.plan import MAX_DIGITS, Plan, plan_data, plan_from_data

MAX_PLAN_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_SAME_REFUSAL = 3
TOKEN_LIMIT = 40

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@dataclass
class Node:
    """A composed YAML node: its Python value, where it starts, and its children."""

    value: Any
    line: int  # 1-based
    col: int  # 1-based
    pairs: list[tuple[Node, Node]] | None = None  # mappings
    items: list[Node] | None = None  # sequences
    tag: str = field(default="scalar")


def key_text(value: object) -> str:
    """Return a mapping key as YAML spells it: `null` for ~ and null, `true` for yes."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return token(value)


def token(value: object) -> str:
    """Return the offending token as shown in a message: short, never a whole block."""
    text = str(value)
    first_line = text.split("\n", 1)[0]
    if len(first_line) > TOKEN_LIMIT or first_line != text:
        return first_line[:TOKEN_LIMIT] + "…"
    return text


class TooLong(str):
    """A plain number with more digits than a plan allows: reported where it stands."""


def resolve_plain(text: str) -> Any:
    """Return the value of a plain scalar under YAML 1.2's core schema, decimals only."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        if len(text.lstrip("-")) > MAX_DIGITS:
            return TooLong(text)
        return int(text)
    if _FLOAT_RE.match(text):
        return float(text)
    if _DATE_RE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def read_text(path: Path, limit: int = MAX_PLAN_BYTES) -> str:
    """Return the file's text (BOM removed); raise PlanErrors if it cannot be read as UTF-8."""
    return decode(read_bytes(path, str(path), limit), str(path))


def read_bytes(path: Path, shown: str, limit: int = MAX_PLAN_BYTES) -> bytes:
    """Return the bytes of a plan file (a regular file of at most `limit` bytes, not a
    symbolic link); raise PlanErrors naming the file as `shown` otherwise."""
    if os.path.islink(path):
        raise PlanErrors([PlanError("plan_symlink", {}, shown)])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise PlanErrors([PlanError("file_missing", {}, shown)]) from None
    except OSError as exc:
        raise PlanErrors([PlanError("file_unreadable", {"reason": exc.strerror}, shown)]) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise PlanErrors([PlanError("not_regular_file", {}, shown)])
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > limit:
            too_large = {"size": info.st_size, "limit": limit}
            raise PlanErrors([PlanError("file_too_large", too_large, shown)])
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            reason = {"reason": exc.strerror}
            raise PlanErrors([PlanError("file_unreadable", reason, shown)]) from None
    if len(data) > limit:
        raise PlanErrors([PlanError("file_too_large", {"size": len(data), "limit": limit}, shown)])
    return data


def decode(data: bytes, shown: str) -> str:
    """Return `data` decoded as UTF-8 without BOM; raise a located PlanErrors otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise PlanErrors(
            [PlanError("not_utf8", {"encoding": guess_encoding(data)}, shown, line, col)]
        ) from None
    if "\x00" in text:
        raise PlanErrors([PlanError("nul_byte", {}, shown, *_line_col(text, text.index("\x00")))])
    return text


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in characters) of `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _tab_errors(text: str, shown: str) -> list[PlanError]:
    """Return an error for each line indented with a tab (YAML forbids it)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            found.append(PlanError("tab_indent", {}, shown, number, indent.index("\t") + 1))
    return found


def compose(text: str, shown: str) -> Node:
    """Return the document's node tree; raise PlanErrors for anything unsafe or malformed."""
    import yaml  # only when a plan is not in the cache: 10 ms of every start otherwise

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tabs = _tab_errors(text, shown)
    if tabs:
        raise PlanErrors(tabs)
    errors: list[PlanError] = []
    stack: list[tuple[Node, list[Node]]] = []  # open collections and their children so far
    root: Node | None = None
    documents = 0

    def here(event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    refused: dict[str, int] = {}

    def refuse(code: str, event: Any, **params: Any) -> None:
        # A YAML bomb repeats one construct thousands of times: name the first few only.
        refused[code] = refused.get(code, 0) + 1
        if refused[code] <= MAX_SAME_REFUSAL:
            errors.append(PlanError(code, params, shown, *here(event)))

    def attach(node: Node) -> None:
        nonlocal root
        if stack:
            stack[-1][1].append(node)
        else:
            root = node

    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    refuse("anchor", event)
                if event.tag is not None:
                    refuse("tag", event, tag=_tag_as_written(event.tag))
                plain = event.style in (None, "")
                value = resolve_plain(event.value) if plain else event.value
                if isinstance(value, TooLong):
                    params = {"value": token(value), "limit": MAX_DIGITS}
                    errors.append(PlanError("number_too_long", params, shown, *here(event)))
                if plain and event.value == "<<" and stack and stack[-1][0].tag == "map":
                    refuse("merge_key", event)
                attach(Node(value, *here(event)))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    refuse("anchor", event)
                if event.tag is not None:
                    refuse("tag", event, tag=_tag_as_written(event.tag))
                if len(stack) >= MAX_DEPTH:
                    refuse("too_deep", event, limit=MAX_DEPTH)
                    raise PlanErrors(errors)
                tag = "map" if kind is yaml.MappingStartEvent else "seq"
                stack.append((Node(None, *here(event), tag=tag), []))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                node, children = stack.pop()
                if node.tag == "map":
                    _finish_mapping(node, children, errors, shown)
                else:
                    node.items = children
                    node.value = [child.value for child in children]
                attach(node)
            elif kind is yaml.AliasEvent:
                refuse("alias", event)
                attach(Node(None, *here(event)))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse("second_document", event)
                    raise PlanErrors(errors)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if "maximum nesting depth" in problem and line is not None and not errors:
            # libyaml (PyYAML >= 6.0.4) stops at 1000 levels while scanning ahead, before
            # the events reach our own, lower limit: compose the text up to that point,
            # which fails at our limit, where the nesting first goes too deep.
            _refuse_depth_before(text, shown, line, col)
        start = exc.context_mark
        if exc.problem and exc.context and start is not None and start is not mark:
            # An unclosed bracket or quote fails at the end of the file: say where it opened.
            opened = f"line {start.line + 1}, column {start.column + 1}"
            problem = f"{problem} ({exc.context} that starts at {opened})"
        errors.append(PlanError("yaml_syntax", {"problem": problem}, shown, line, col))
        raise PlanErrors(errors) from None
    except yaml.reader.ReaderError as exc:
        # The reader reports a byte offset (libyaml) or a character offset (pure Python),
        # and words its reason differently; the character itself reads the same in both.
        code = exc.character if isinstance(exc.character, int) else 0
        offset = text.find(chr(code)) if code else -1
        line, col = _line_col(text, offset) if offset >= 0 else (None, None)
        problem = f"unacceptable character #x{code:04x}: control characters are not allowed"
        errors.append(PlanError("yaml_syntax", {"problem": problem}, shown, line, col))
        raise PlanErrors(errors) from None
    except yaml.YAMLError as exc:
        errors.append(PlanError("yaml_syntax", {"problem": str(exc)}, shown))
        raise PlanErrors(errors) from None
    if errors:
        raise PlanErrors(errors)
    if root is None:
        raise PlanErrors([PlanError("empty_document", {}, shown, 1, 1)])
    return root


def _refuse_depth_before(text: str, shown: str, line: int, col: int) -> None:
    """Raise the too_deep error that the text before line:col gives, if it gives one."""
    lines = text.split("\n")
    cut = sum(len(row) + 1 for row in lines[: line - 1]) + col - 1
    try:
        compose(text[:cut], shown)
    except PlanErrors as inner:
        if inner.errors and inner.errors[0].code == "too_deep":
            raise PlanErrors(inner.errors[:1]) from None


def _tag_as_written(tag: str) -> str:
    """Return a resolved tag in the short form it is usually written in (!!str, !foo)."""
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:") :]
    return token(tag)


def _finish_mapping(node: Node, children: list[Node], errors: list[PlanError], shown: str) -> None:
    """Pair up a mapping's children, refusing duplicate and non-scalar keys."""
    pairs = list(zip(children[0::2], children[1::2], strict=True))
    value: dict[Any, Any] = {}
    first_seen: dict[Any, Node] = {}
    for key, item in pairs:
        if key.tag != "scalar":
            errors.append(PlanError("complex_key", {}, shown, key.line, key.col))
            continue
        marker = (type(key.value), key.value)
        if marker in first_seen:
            errors.append(
                PlanError(
                    "duplicate_key",
                    {"key": key_text(key.value), "first_line": first_seen[marker].line},
                    shown,
                    key.line,
                    key.col,
                )
            )
            continue
        first_seen[marker] = key
        value[key.value] = item.value
    node.pairs = pairs
    node.value = value


def locate(root: Node, loc: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
    """Return line and column of the deepest node that `loc` reaches (its key if at_key)."""
    node = root
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if node.pairs is not None:
            found = None
            for key, item in node.pairs:
                if key.value == part or str(key.value) == str(part):
                    found = (key, item)
                    break
            if found is None:
                break
            if (last and at_key) or (depth + 1 < len(loc) and loc[depth + 1] == "[key]"):
                return found[0].line, found[0].col
            node = found[1]
        elif node.items is not None and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            break
    return node.line, node.col


# Which model a mapping holds, by the key its parent gives it: for "did you mean" hints.
def _model_of(parent: str | None) -> type:
    """Return the pydantic model of a mapping under the key `parent` (None: the plan)."""
    from kexie_plan import model

    return {
        "period": model.Period,
        "units": model.Unit,
        "sections": model.Section,
        "measures": model.Measure,
        "targets": model.Target,
        "adjustments": model.Adjustment,
        "activities": model.Activity,
        "window": model.Window,
    }.get(parent or "", model.Plan)


_EXPECTED = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "bool_type": "boolean",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dataclass_type": "mapping",
}


def _type_name(value: Any) -> str:
    """Return a YAML-ish name for the type of a value that was given."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def _model_fields(model: type) -> list[str]:
    """Return the keys a mapping of `model` may have, as written in YAML."""
    return [f.alias or name for name, f in model.model_fields.items()]


def pydantic_error(err: dict[str, Any]) -> tuple[PlanError, bool]:
    """Return our PlanError for one pydantic error, and whether it points at the key."""
    loc = tuple(err["loc"])
    kind = err["type"]
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if kind.startswith("kexie_"):
        return PlanError(kind[len("kexie_") :], {k: token(v) for k, v in ctx.items()}), False
    if kind == "missing":
        return PlanError("missing_key", {"key": str(loc[-1])}), False
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: a key that is not text
        parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
        model = _model_of(parent)
        # pydantic names a non-text key by its repr ('datetime.date(…)'); show it as written.
        key = loc[-1] if kind == "extra_forbidden" else "null" if given is None else given
        close = difflib.get_close_matches(str(key), _model_fields(model), n=1, cutoff=0.6)
        return PlanError(
            "unknown_key",
            {"key": token(key), "hint": close[0] if close else "", "allowed": ""},
        ), True
    if kind in _EXPECTED:
        return PlanError("expected", {"expected": _EXPECTED[kind], "got": _type_name(given)}), False
    if kind == "string_pattern_mismatch":
        return PlanError("slug", {"value": token(given)}), False
    if kind == "string_too_short":
        return PlanError("empty_text", {"key": str(loc[-1])}), False
    if kind == "string_too_long":
        return PlanError("too_long", {"limit": ctx.get("max_length")}), False
    if isinstance(given, bool) and kind in ("greater_than_equal", "less_than_equal"):
        # pydantic takes true as 1 where a number is expected; only a range can catch it.
        return PlanError("expected", {"expected": "integer", "got": "boolean"}), False
    if kind == "greater_than_equal":
        return PlanError("at_least", {"value": token(given), "limit": ctx.get("ge")}), False
    if kind == "less_than_equal":
        return PlanError("at_most", {"value": token(given), "limit": ctx.get("le")}), False
    if kind == "literal_error":
        return PlanError(
            # A number stays a number so that the message does not quote it as text.
            "literal",
            {
                "value": given if isinstance(given, int | float) else token(given),
                "allowed": str(ctx.get("expected", "")),
            },
        ), False
    return PlanError("invalid", {"detail": err["msg"]}), False


# The lists whose items can be set aside when one of them is invalid, so that the rest of
# the plan is still checked: a typo in one target must not hide a duplicate id elsewhere.
_ENTITY_LISTS = frozenset({"units", "sections", "measures", "targets", "activities"})
MAX_PASSES = 8


def plan_from_tree(root: Node, shown: str) -> Plan:
    """Return the validated Plan for a composed document; raise located PlanErrors.

    Every problem of every kind is reported in one run: when pydantic finds items that
    are not well formed, those items are set aside and the rest is validated again (and
    then checked by the plan's rules), so that a typo'd key, a month 13 and a duplicate id
    elsewhere are all named. Problems that only follow from setting an item aside (a
    reference to it, the count of activities) are not reported.
    """
    from pydantic import ValidationError

    from kexie_plan.model import Plan as PlanFile

    if not isinstance(root.value, dict):
        raise PlanErrors([PlanError("not_a_mapping", {}, shown, root.line, root.col)])
    pruned = _Pruned(root.value)
    errors: list[PlanError] = []
    seen: set[tuple] = set()
    model = None
    for _ in range(MAX_PASSES):
        try:
            model = PlanFile.model_validate(pruned.value)
            break
        except ValidationError as exc:
            found = exc.errors(include_url=False)
            # Every error of this pass is placed first, with the copy as pydantic saw it;
            # then the items they are in are set aside together.
            for err in found:
                error, at_key = pydantic_error(err)
                loc = pruned.original(tuple(err["loc"]))
                if err["type"] == "invalid_key":  # pydantic puts the key's repr in loc
                    loc = (*loc[:-1], err.get("input"))
                key = (error.code, loc)
                if key not in seen:
                    seen.add(key)
                    errors.append(error.at(shown, *locate(root, loc, at_key)))
            if not pruned.set_aside_all([tuple(err["loc"]) for err in found]):
                break
    if model is None:
        raise PlanErrors(_sorted(errors))
    plan = plan_from_data(model.model_dump(by_alias=True))
    for problem in checks.check_plan(plan):
        if not pruned.follows_from_setting_aside(problem):
            loc = pruned.original(problem.loc)
            other = pruned.original(problem.other) if problem.other is not None else None
            errors.append(place(root, shown, replace(problem, loc=loc, other=other)))
    if errors:
        raise PlanErrors(_sorted(errors))
    return plan


# What stands in for a top-level text that is missing or ill-formed (its error is already
# reported), so that the rest of the plan can still be checked.
_STAND_INS = {"org": "?", "title": "?"}


class _Pruned:
    """A copy of a plan's raw values from which ill-formed items have been set aside, with
    the way back from an index in the copy to the index in the file."""

    def __init__(self, value: dict[str, Any]) -> None:
        self.value = copy.deepcopy(value)
        self.kept: dict[tuple, list[int]] = {}  # original path of a list -> original indices
        self.ids_set_aside: set[str] = set()
        self.lists_cut: set[str] = set()
        self.stand_ins = False  # org or title stands in for a missing or ill-formed one

    def original(self, loc: tuple) -> tuple:
        """Return `loc` (indices into the copy) with the file's own indices."""
        out: list[Any] = []
        for part in loc:
            kept = self.kept.get(tuple(out))
            out.append(kept[part] if isinstance(part, int) and kept and part < len(kept) else part)
        return tuple(out)

    def set_aside_all(self, locs: list[tuple]) -> bool:
        """Set aside what each of `locs` (indices into the copy, all from one validation)
        is inside: the innermost entity (target, activity, measure …), or a stray key at
        the top; a missing or ill-formed org or title gets a stand-in, so that the plan's
        other rules can still be checked. Items go from the last to the first, so that
        each index still means what it meant. Return whether anything was set aside."""
        entities: set[tuple] = set()
        done = False
        for loc in locs:
            entity = self._entity(loc)
            if entity is not None:
                entities.add(entity)
                continue
            top = loc[0] if loc else None
            required = ("schema", "year", "org", "title", *_ENTITY_LISTS)
            if top in _STAND_INS and self.value.get(top) != _STAND_INS[top]:
                self.value[top] = _STAND_INS[top]  # errors are already placed
                self.stand_ins = True
                done = True
            elif isinstance(top, str) and top in self.value and top not in required:
                del self.value[top]  # an optional key, or one that is no key of a plan at all
                done = True
        for entity in sorted(entities, key=lambda e: [(str(type(p)), p) for p in e], reverse=True):
            done = self._remove(entity) or done
        return done

    @staticmethod
    def _entity(loc: tuple) -> tuple | None:
        """Return the path in the copy of the innermost entity that `loc` is inside."""
        for depth in range(len(loc) - 1, 0, -1):
            if isinstance(loc[depth], int) and loc[depth - 1] in _ENTITY_LISTS:
                return loc[: depth + 1]
        return None

    def _remove(self, entity: tuple) -> bool:
        container = self._get(entity[:-1])
        index = entity[-1]
        if not isinstance(container, list) or index >= len(container):
            return False
        original = self.original(entity[:-1])
        kept = self.kept.setdefault(original, list(range(len(container))))
        item = container.pop(index)
        kept.pop(index)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            self.ids_set_aside.add(item["id"])
        self.lists_cut.add(str(entity[-2]))
        return True

    def follows_from_setting_aside(self, problem: PlanError) -> bool:
        """Return whether a check's problem only comes from items having been set aside."""
        if problem.code == "unknown_ref" and problem.params.get("id") in self.ids_set_aside:
            return True
        return problem.code == "activities_count" and "activities" in self.lists_cut

    def _get(self, loc: tuple) -> Any:
        node: Any = self.value
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def place(root: Node, shown: str, problem: PlanError) -> PlanError:
    """Return a check's problem placed at its line and column."""
    params = dict(problem.params)
    if problem.other is not None:
        params["first_line"] = locate(root, problem.other)[0]
    line, col = locate(root, problem.loc, problem.at_key)
    return PlanError(problem.code, params, shown, line, col)


def _sorted(errors: list[PlanError]) -> list[PlanError]:
    return sorted(errors, key=PlanError.sort_key)


def load_plan(
    path: str | os.PathLike[str], cache_dir: Path | None = None, shown: str | None = None
) -> Plan:
    """Return the validated plan at `path`; raise PlanErrors listing every problem.

    With `cache_dir`, a plan validated before (the same bytes, the same kexie) is read
    from the cache, without YAML or pydantic; a newly validated one is kept there.
    """
    shown = str(path) if shown is None else shown
    data = read_bytes(Path(path), shown)
    name = f"plan-{key_of(data)}.json"
    cached = read_cached(cache_dir, name)
    if cached is not None:
        try:
            return plan_from_data(cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not a plan after all: validate the file again
    plan = plan_from_tree(compose(decode(data, shown), shown), shown)
    write_cached(cache_dir, name, plan_data(plan))
    return plan


def load_plan_text(text: str, shown: str = "<plan>") -> Plan:
    """Return the validated plan written in `text` (for tests and generated plans)."""
    return plan_from_tree(compose(decode(text.encode("utf-8"), shown), shown), shown)
