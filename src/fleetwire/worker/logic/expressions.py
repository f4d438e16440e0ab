"""A small, safe expression language for computed attributes: the part of Traccar's JEXL that
computed attributes use, parsed here into closures; nothing is handed to Python's eval.

    literals     12  3.5  0x1F  'text'  "text"  true  false  null
    names        any position attribute (io1, ignition, fuel...) and the fixed fields speed
                 (km/h), course, altitude, latitude, longitude, valid, accuracy, fixTime (ms)
    operators    c ? a : b   || or   && and   |  ^  &   == !=   < <= > >=   + -   * / %
                 ! not  -x
    functions    abs min max round floor ceil

Null-safe as JEXL is without strict mode: an unknown name is null, arithmetic with null is null
(the attribute is then left alone), a comparison with null is false. What would cost unbounded
time or memory is left out: no loops, no power operator, no repetition of strings, a cap on the
text's length and on nesting. Errors in the text are ExpressionError with the position; errors
while evaluating (division by zero, adding a number to text) are EvalError.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from typing import Any

__all__ = ["EvalError", "ExpressionError", "Lookup", "compile_expression", "truthy"]

Lookup = Callable[[str], Any]
Node = Callable[[Lookup], Any]

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_TEXT = 10_000  # characters a concatenation may produce

_TOKEN = re.compile(
    r"\s*(?:(?P<num>0[xX][0-9a-fA-F]+|\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?"
    r"|\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<str>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\|\||&&|==|!=|<=|>=|[?:|^&<>+\-*/%!(),]))"
)
_WORDS = {"and": "&&", "or": "||", "not": "!", "eq": "==", "ne": "!="}
_CONSTANTS = {"true": True, "false": False, "null": None}


class ExpressionError(ValueError):
    """The expression's text is not one this language reads."""


class EvalError(ValueError):
    """The expression failed on these values."""


def truthy(v: Any) -> bool:
    return v is not None and v is not False and v != 0 and v != ""


def _number(v: Any) -> bool:
    return isinstance(v, int | float)


def _arith(op: Callable[[Any, Any], Any], symbol: str) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        if symbol == "+" and (isinstance(a, str) or isinstance(b, str)):
            text = f"{_text(a)}{_text(b)}"
            if len(text) > MAX_TEXT:
                raise EvalError("text too long")
            return text
        if not (_number(a) and _number(b)):
            raise EvalError(f"{symbol} needs numbers, not {type(a).__name__} and "
                            f"{type(b).__name__}")  # fmt: skip
        try:
            return op(a, b)
        except ZeroDivisionError:
            raise EvalError("division by zero") from None

    return apply


def _text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _bitwise(op: Callable[[int, int], int], symbol: str) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        if not (isinstance(a, int) and isinstance(b, int)):
            raise EvalError(f"{symbol} needs whole numbers")
        return op(a, b)

    return apply


def _compare(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        try:
            return bool(op(a, b))
        except TypeError:
            raise EvalError("values that do not compare") from None

    return apply


def _divide(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):  # whole numbers divide as in Java: truncated
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b > 0) else -q
    return a / b


def _remainder(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        return a - b * _divide(a, b)
    return math.fmod(a, b)


def _either(a: Node, b: Node) -> Node:
    return lambda get: truthy(a(get)) or truthy(b(get))


def _both(a: Node, b: Node) -> Node:
    return lambda get: truthy(a(get)) and truthy(b(get))


def _choose(c: Node, a: Node, b: Node) -> Node:
    return lambda get: a(get) if truthy(c(get)) else b(get)


def _apply(fn: Callable[[Any, Any], Any], a: Node, b: Node) -> Node:
    return lambda get: fn(a(get), b(get))


_BINARY: list[dict[str, Callable[[Any, Any], Any]]] = [  # loosest first
    {"|": _bitwise(operator.or_, "|")},
    {"^": _bitwise(operator.xor, "^")},
    {"&": _bitwise(operator.and_, "&")},
    {"==": operator.eq, "!=": operator.ne},
    {"<": _compare(operator.lt), "<=": _compare(operator.le)}
    | {">": _compare(operator.gt), ">=": _compare(operator.ge)},
    {"+": _arith(operator.add, "+"), "-": _arith(operator.sub, "-")},
    {"*": _arith(operator.mul, "*"), "/": _arith(_divide, "/"), "%": _arith(_remainder, "%")},
]


def _round(x: Any, digits: Any = None) -> Any:
    return round(x) if digits is None else round(x, int(digits))


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": abs, "min": min, "max": max, "round": _round, "floor": math.floor, "ceil": math.ceil,
}  # fmt: skip


def _tokens(text: str) -> list[tuple[str, Any, int]]:
    out: list[tuple[str, Any, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ExpressionError(f"unexpected {text[pos:].strip()[:10]!r} at {pos}")
        kind = m.lastgroup
        value = m.group(kind) if kind else ""
        start = m.start(kind) if kind else pos
        if kind == "num":
            out.append(("val", int(value, 16) if value[:2] in ("0x", "0X")
                        else float(value) if any(c in value for c in ".eE") else int(value),
                        start))  # fmt: skip
        elif kind == "str":
            out.append(("val", re.sub(r"\\(.)", r"\1", value[1:-1]), start))
        elif kind == "name" and value in _CONSTANTS:
            out.append(("val", _CONSTANTS[value], start))
        elif kind == "name" and value in _WORDS:
            out.append(("op", _WORDS[value], start))
        elif kind == "name":
            out.append(("name", value, start))
        else:
            out.append(("op", value, start))
        pos = m.end()
    out.append(("end", None, len(text)))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, Any, int]:
        return self.toks[self.i]

    def take(self, op: str) -> bool:
        kind, value, _ = self.peek()
        if kind == "op" and value == op:
            self.i += 1
            return True
        return False

    def expect(self, op: str) -> None:
        if not self.take(op):
            kind, value, pos = self.peek()
            found = "the end" if kind == "end" else repr(value)
            raise ExpressionError(f"expected {op!r} at {pos}, found {found}")

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("nested too deeply")
        cond = self.logical(self.level_or, "||")
        if self.take("?"):
            a = self.expression()
            self.expect(":")
            cond = _choose(cond, a, self.expression())
        self.depth -= 1
        return cond

    def logical(self, inner: Callable[[], Node], op: str) -> Node:
        left = inner()
        while self.take(op):
            left = (_either if op == "||" else _both)(left, inner())
        return left

    def level_or(self) -> Node:
        return self.logical(lambda: self.binary(0), "&&")

    def binary(self, level: int) -> Node:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        ops = _BINARY[level]
        while True:
            kind, value, _ = self.peek()
            if kind != "op" or value not in ops:
                return left
            self.i += 1
            left = _apply(ops[value], left, self.binary(level + 1))

    def unary(self) -> Node:
        if self.take("!"):
            inner = self.unary()
            return lambda get: not truthy(inner(get))
        if self.take("-"):
            inner = self.unary()
            return lambda get: _arith(operator.sub, "-")(0, inner(get))
        if self.take("+"):
            return self.unary()
        return self.primary()

    def primary(self) -> Node:
        kind, value, pos = self.peek()
        self.i += 1
        if kind == "val":
            return lambda get: value
        if kind == "name":
            if self.take("("):
                return self.call(value, pos)
            return lambda get: get(value)
        if kind == "op" and value == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        found = "the end" if kind == "end" else repr(value)
        raise ExpressionError(f"unexpected {found} at {pos}")

    def call(self, name: str, pos: int) -> Node:
        fn = _FUNCTIONS.get(name)
        if fn is None:
            raise ExpressionError(f"unknown function {name!r} at {pos}")
        args: list[Node] = []
        if not self.take(")"):
            args.append(self.expression())
            while self.take(","):
                args.append(self.expression())
            self.expect(")")

        def apply(get: Lookup) -> Any:
            values = [a(get) for a in args]
            if any(v is None for v in values):
                return None
            try:
                return fn(*values)
            except (TypeError, ValueError, OverflowError) as e:
                raise EvalError(f"{name}: {e}") from None

        return apply


def compile_expression(text: str) -> Node:
    """The expression as a function of a name lookup; ExpressionError when it does not read."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters")
    p = _Parser(text)
    node = p.expression()
    kind, value, pos = p.peek()
    if kind != "end":
        raise ExpressionError(f"unexpected {value!r} at {pos}")
    return node
