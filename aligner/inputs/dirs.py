"""Directory pairs: an English and a German tree matched by relative path, or one pattern with a
`{lang}` placeholder (`docs/{lang}/**/*.md`, `po/{lang}.txt`) expanded with the two languages.

The id of each pair is its relative path (for a pattern, the path with `{lang}` left in it, e.g.
`docs/{lang}/guide/intro.md`). A file on one side only, or one that cannot be read (binary,
not UTF-8), is a problem of that file; the other pairs are still checked. Hidden files and
directories (.git, .DS_Store) are not inputs.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.base import InputProblem, TextPair
from aligner.inputs.files import problem_from_error
from aligner.read import read_text
from aligner.result import Origin

PLACEHOLDER = "{lang}"


def read_dir_pair(source_dir: str, target_dir: str,
                  encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    for path in (source_dir, target_dir):
        if not os.path.isdir(path):
            what = "no such directory" if not os.path.exists(path) else "is not a directory"
            raise InputError(f"{path}: {what}; give two directories (English and German trees)")
    sources, targets = _tree(source_dir), _tree(target_dir)
    if not sources and not targets:
        raise InputError(f"{source_dir}, {target_dir}: no files in either directory; nothing to check")
    matched = {rel: (os.path.join(source_dir, rel), os.path.join(target_dir, rel)) for rel in sources | targets}
    return _pairs(matched, sources, targets, source_dir, target_dir, encoding)


def read_lang_pattern(pattern: str, source_lang: str, target_lang: str,
                      encoding: Optional[str] = None) -> Iterator[Union[TextPair, InputProblem]]:
    source_pattern = pattern.replace(PLACEHOLDER, source_lang)
    target_pattern = pattern.replace(PLACEHOLDER, target_lang)
    if os.path.isdir(source_pattern) or os.path.isdir(target_pattern):  # `docs/{lang}`: two trees
        return read_dir_pair(source_pattern, target_pattern, encoding)
    sources = _pattern_keys(pattern, source_pattern, source_lang)
    targets = _pattern_keys(pattern, target_pattern, target_lang)
    if not sources and not targets:
        raise InputError(f"{pattern}: matches no file for {source_lang} ({source_pattern}) or "
                         f"{target_lang} ({target_pattern}); check the pattern and the language codes")
    # A file found on one side gives the name expected on the other: its key with the other language.
    matched = {key: (sources.get(key) or key.replace(PLACEHOLDER, source_lang),
                     targets.get(key) or key.replace(PLACEHOLDER, target_lang))
               for key in set(sources) | set(targets)}
    return _pairs(matched, set(sources), set(targets), source_pattern, target_pattern, encoding)


def _pairs(matched: Dict[str, Tuple[str, str]], sources: set, targets: set, source_side: str,
           target_side: str, encoding: Optional[str]) -> Iterator[Union[TextPair, InputProblem]]:
    for key in sorted(matched):
        source_path, target_path = matched[key]
        if key not in targets:
            yield InputProblem(source_path, f"no counterpart in {target_side} (expected {target_path}); "
                                            "add the translation or remove the file")
            continue
        if key not in sources:
            yield InputProblem(target_path, f"no counterpart in {source_side} (expected {source_path}); "
                                            "add the source file or remove the translation")
            continue
        keyed = _keyed_format(source_path, target_path)
        if keyed:
            yield from _keyed_pairs(source_path, target_path, keyed, key, encoding)
            continue
        texts: List[str] = []
        for path in (source_path, target_path):
            try:
                texts.append(read_text(path, encoding))
            except InputError as err:
                yield problem_from_error(path, err)
                break
        if len(texts) == 2:
            yield TextPair(key, texts[0], texts[1], Origin(source_path=source_path, target_path=target_path))


def _keyed_format(source_path: str, target_path: str) -> Optional[str]:
    """The resource format (i18n JSON, .properties …) both files are in, if any: such a pair is
    checked key by key, as `aligner check en.json de.json` checks it."""
    from aligner.inputs import keyed_format

    found = keyed_format(source_path)
    return found if found and keyed_format(target_path) == found else None


def _keyed_pairs(source_path: str, target_path: str, keyed: str, key: str,
                 encoding: Optional[str]) -> Iterator[Union[TextPair, InputProblem]]:
    """One pair per key, its id the file's key and the string's ("locales/{lang}.json:app.title");
    a file that cannot be parsed is a problem of its own."""
    from aligner.inputs import reader
    from aligner.inputs.keyed import read_keyed_pair

    try:
        yield from read_keyed_pair(source_path, target_path, reader(keyed), encoding, id_prefix=f"{key}:")
    except InputError as err:
        yield problem_from_error(str(err).split(": ", 1)[0], err)


def _tree(root: str) -> set:
    """Relative paths (with "/") of the files under root, hidden ones left out."""
    found = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                found.add(Path(os.path.relpath(os.path.join(folder, name), root)).as_posix())
    return found


def _pattern_keys(pattern: str, expanded: str, lang: str) -> Dict[str, str]:
    """key (the file's path with the language put back as `{lang}`) → path, for the files the
    expanded pattern matches."""
    matcher = _pattern_regex(pattern, lang)
    keys: Dict[str, str] = {}
    for path in glob.glob(expanded, recursive=True):
        if not os.path.isfile(path):  # glob leaves hidden names out already
            continue
        normal = Path(path).as_posix()
        found = matcher.fullmatch(normal)
        key = normal if not found else _put_back(normal, found)
        keys[key] = path
    return keys


def _pattern_regex(pattern: str, lang: str) -> "re.Pattern[str]":
    """The glob pattern as a regex in which each `{lang}` is a group matching the language code."""
    parts: List[str] = []
    for index, piece in enumerate(re.split(r"(\{lang\}|\*\*/|\*\*|\*|\?|\[[^\]]*\])", Path(pattern).as_posix())):
        if piece == PLACEHOLDER:
            parts.append(f"(?P<lang{index}>{re.escape(lang)})")
        elif piece == "**/":
            parts.append("(?:.*/)?")
        elif piece == "**":
            parts.append(".*")
        elif piece == "*":
            parts.append("[^/]*")
        elif piece == "?":
            parts.append("[^/]")
        elif piece.startswith("[") and piece.endswith("]") and len(piece) > 2:
            parts.append("[" + ("^" + piece[2:-1] if piece[1] == "!" else piece[1:-1]) + "]")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


def _put_back(path: str, found: "re.Match[str]") -> str:
    """The path with each span the `{lang}` groups matched replaced by `{lang}` again."""
    spans = sorted(found.span(name) for name in found.groupdict())
    result, last = [], 0
    for start, end in spans:
        result.append(path[last:start])
        result.append(PLACEHOLDER)
        last = end
    result.append(path[last:])
    return "".join(result)
