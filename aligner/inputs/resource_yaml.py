"""YAML i18n resource files (Rails config/locales/en.yml, Symfony translations/messages.de.yaml,
Hugo i18n/en.yaml): one mapping whose string values, however deeply nested, are the strings to
translate.

- Keys as in i18n JSON: a nested string's key is its path joined with dots ("app.errors.network");
  a list's items are numbered ("steps[0]").
- Only strings are text: a plain (unquoted) value that YAML reads as a number, boolean, null or
  date (42, 3.5, true, yes, off, ~, 2024-01-31, or nothing at all) is left out; quote it to check it.
- Rails: when the top level is one key that is a locale code, that level is dropped, so en.yml's
  `en: {hello: …}` and de.yml's `de: {hello: …}` both give the key "hello". A locale code is two
  letters with an optional region or script (en, de_CH, pt-BR, es-419, zh-Hans), or three letters
  with a region (fil-PH); a single key such as `app:` (or a bare three-letter code) stays in the keys.
- A key is taken as written, even one YAML 1.1 reads as something else: Norwegian's `no:` (false
  to YAML, a real problem in Rails locale files), `yes:`, `1:` give the keys "no", "yes", "1".
- Merge keys (`<<: *defaults`) are followed as YAML follows them, a mapping's own keys winning. A
  string reached through an alias (`*defaults`) is located where its anchor defines it.
- A file is one document whose top level is a mapping (an empty document, a bare "---", does not
  count); an empty file, or one of only comments, has no strings.

A string's line and column are where its text starts: just after the opening quote of a quoted
string, at the first character of a plain one, and for a block string (`|` or `>`) at the first
non-space character of its first non-blank line (at the `|` or `>` itself when it has no lines).
Lines are counted at "\\n" only, as for every other input (YAML also breaks lines at U+2028 and others).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, FrozenSet, Iterator, List, Tuple

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex

if TYPE_CHECKING:
    from yaml import Node, ScalarNode, YAMLError

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_PROPERTIES = re.compile(r"(?:[&!]\S*|#[^\n]*|\s)*")  # anchors, tags, and the space and comments after them
_LOCALE = re.compile(r"[a-z]{2}(?:[-_](?:[A-Za-z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?|[a-z]{3}[-_](?:[A-Z]{2}|[0-9]{3})")


def parse_resource_yaml(path: str, text: str) -> List[KeyedString]:
    import yaml  # imported lazily: only YAML inputs need it

    lines = LineIndex(text)
    # flatten_mapping resolves merge keys (`<<`) in the node tree, as PyYAML does before constructing.
    flatten = yaml.constructor.SafeConstructor().flatten_mapping

    def strings(node: Node, key: str, ancestors: FrozenSet[int]) -> Iterator[Tuple[str, ScalarNode]]:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                yield key, node
            return
        if id(node) in ancestors:  # an alias inside the very anchor it names would never end
            line = lines.locate(node.start_mark.index)[0]  # where the anchor is
            raise InputError(f"{path} line {line}: the mapping or list anchored here holds an alias to itself; "
                             "give the strings without the loop")
        ancestors |= {id(node)}
        if isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                yield from strings(item, f"{key}[{number}]", ancestors)
            return
        flatten(node)
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(f"{path} line {lines.locate(key_node.start_mark.index)[0]}: a key is a list or "
                                 "mapping; write each key as text")
            # The key as written: YAML would read `no:` (Norwegian) as false and `1:` as a number.
            yield from strings(value, f"{key}.{key_node.value}" if key else key_node.value, ancestors)

    try:
        # An empty document (a bare "---", as at the end of some files) holds nothing to check.
        documents = [document for document in yaml.compose_all(text, Loader=yaml.SafeLoader)
                     if not (document.tag == _NULL and document.value == "")]
        if not documents:
            return []
        if len(documents) > 1 or not isinstance(documents[0], yaml.MappingNode):
            raise InputError(f"{path}: is YAML but not a mapping of strings; give an i18n file such as "
                             'en: {hello: "Hello"}, or pass --input-format text to check it as text')
        root = documents[0]
        flatten(root)
        if len(root.value) == 1:  # Rails: `en:` above everything, which the translation has as `de:`
            key_node, value = root.value[0]
            if isinstance(key_node, yaml.ScalarNode) and isinstance(value, yaml.MappingNode) \
                    and _LOCALE.fullmatch(key_node.value):
                root = value
        # node.value of a string scalar is already decoded: escapes, folding, block indentation.
        return [KeyedString(key, node.value, *lines.locate(_text_start(text, node)))
                for key, node in strings(root, "", frozenset())]
    except yaml.YAMLError as err:
        raise InputError(_syntax_error(path, lines, err)) from None


def _text_start(text: str, node: ScalarNode) -> int:
    """Offset of the string's first character in `text`; node.start_mark is where the node starts."""
    # A node with an anchor or tag (`&name "…"`, `!!str 7`) starts there: the string comes after them.
    start = _PROPERTIES.match(text, node.start_mark.index, node.end_mark.index).end()
    if node.style in ("'", '"'):
        return start + 1
    if node.style in ("|", ">"):
        # The mark is at the `|` or `>`: the lines start after that header line and any blank ones.
        newline = text.find("\n", start)
        position = newline + 1 if newline >= 0 else node.end_mark.index
        while position < node.end_mark.index and text[position] in " \r\n":
            position += 1
        return position if position < node.end_mark.index else start
    return start


def _syntax_error(path: str, lines: LineIndex, err: YAMLError) -> str:
    import yaml

    if isinstance(err, yaml.reader.ReaderError):  # a control character, which YAML does not allow
        index, problem = err.position, f"character U+{err.character:04X} is not allowed"
    elif isinstance(err, yaml.MarkedYAMLError) and (err.problem_mark or err.context_mark):
        mark = err.problem_mark or err.context_mark
        index, problem = mark.index, err.problem or err.context
    else:
        return f"{path}: not valid YAML ({err}); fix the file"
    return f"{path} line {lines.locate(index)[0]}: not valid YAML ({problem}); fix the file"
