"""The command line: parse options, read inputs, call the pipeline, pick a renderer, exit.

Only click is imported at start-up, so `aligner --help` answers at once; numpy, the splitter
and the encoder load when a command needs them.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Iterator, List, Optional, Tuple

import click

from aligner import __version__
from aligner.errors import ExitCode, InputError
from aligner.report import ALIGN_FORMATS, CHECK_FORMATS

SEVERITIES = ("error", "warning", "info")


def fail(message: str) -> "click.exceptions.Exit":
    """One line on stderr and exit status 2: the input or the call cannot be used."""
    click.echo(f"aligner: error: {message}", err=True)
    return click.exceptions.Exit(ExitCode.UNUSABLE)


def _options(source_lang: str, target_lang: str, presplit: bool, max_bead: int, disabled=()):
    from aligner.align import AlignParams
    from aligner.pipeline import CheckOptions

    if max_bead < 2:
        raise InputError(f"--max-bead {max_bead}: a bead needs room for at least 2 sentences; use 2 or more")
    return CheckOptions(
        source_lang=source_lang,
        target_lang=target_lang,
        presplit=presplit,
        align_params=AlignParams(max_bead=max_bead),
        disabled_rules=tuple(disabled),
    )


def _encoder(model: Optional[str], use_cache: bool):
    from aligner.embed import ModelError, load_encoder

    try:
        return load_encoder(model, use_cache=use_cache)
    except ModelError as err:
        raise InputError(str(err)) from None


def _use_color(choice: Optional[bool]) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"aligner: {message}", err=True)


def _embed_fn(encoder):
    """The encoder's call, counting progress on stderr when that is a terminal and the batch is large."""
    if not sys.stderr.isatty():
        return encoder.encode

    def count(done: int, total: int) -> None:
        click.echo(f"\raligner: embedded {done}/{total} texts", err=True, nl=done >= total)

    def embed(texts):
        return encoder.encode(texts, progress=count) if len(texts) > 64 else encoder.encode(texts)

    return embed


# Options shared by `check` and `align`.
def _common(func):
    for option in reversed([
        click.option("--model", "-m", default=None, metavar="NAME|PATH",
                     help="Encoder: a preset from `aligner models`, a sentence-transformers model name "
                          "or a local model directory. Default: e5-small (bundled, offline)."),
        click.option("--source-lang", default="en", show_default=True, help="Language of SOURCE (ISO code)."),
        click.option("--target-lang", default="de", show_default=True, help="Language of TARGET (ISO code)."),
        click.option("--presplit", is_flag=True, help="The files hold one sentence per line; keep those sentences."),
        click.option("--encoding", default=None, metavar="NAME",
                     help="Decode the input files with this encoding instead of UTF-8 (e.g. latin-1)."),
        click.option("--max-bead", default=8, show_default=True, metavar="N",
                     help="Most sentences, both sides together, that one aligned pair may hold."),
        click.option("--no-cache", is_flag=True,
                     help="Do not read or write the embedding cache (ALIGNER_CACHE_DIR, default ~/.cache/aligner)."),
    ]):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Check a translation against its source: what it drops, adds, mistranslates or leaves untranslated.

    \b
    aligner check en.txt de.txt            a report to read
    aligner check en.txt de.txt --format json --fail-on error
    aligner check --pairs corpus.jsonl --format jsonl
    aligner align en.txt de.txt            the sentence alignment alone

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 unusable input.
    """


@cli.command()
@click.argument("source", required=False)
@click.argument("target", required=False)
@click.option("--pairs", "pairs_file", default=None, metavar="FILE.jsonl",
              help="Check many pairs in one run: one JSON object per line with id, source and target texts.")
@click.option("--format", "-f", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="text: a report to read; json: one report; jsonl: one report per line.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="Exit 1 when a finding has this severity or a higher one.")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Turn a rule off (repeatable); `aligner explain` lists them.")
@click.option("--show", type=click.Choice(["problems", "all"]), default="problems", show_default=True,
              help="Text format: show only the pairs with findings, or every aligned pair.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
@_common
def check(source, target, pairs_file, fmt, fail_on, disabled, show, color, model, source_lang, target_lang,
          presplit, encoding, max_bead, no_cache):
    """Check TARGET (the translation) against SOURCE and report what is wrong."""
    from aligner.checks.registry import all_rules
    from aligner.findings import Severity

    unknown = [r for r in disabled if r not in all_rules()]
    if unknown:
        raise InputError(f"--disable {unknown[0]}: no such rule; `aligner explain` lists the rules")
    if pairs_file and (source or target):
        raise InputError("give either SOURCE TARGET or --pairs FILE, not both")
    if not pairs_file and not (source and target):
        raise InputError("give SOURCE and TARGET files, or --pairs FILE.jsonl; see `aligner check --help`")
    options = _options(source_lang, target_lang, presplit, max_bead, disabled)
    threshold = Severity.parse(fail_on)
    if pairs_file:
        status = _check_pairs(pairs_file, fmt, options, model, not no_cache, threshold, color, show)
        raise click.exceptions.Exit(status)

    from aligner.pipeline import check_pair
    from aligner.read import read_text
    from aligner.report import render_check

    source_text = read_text(source, encoding)
    target_text = read_text(target, encoding)
    encoder = _encoder(model, not no_cache)
    _progress(f"checking {source} against {target} with {encoder.name}")
    report = check_pair(source_text, target_text, _embed_fn(encoder), encoder.name, options)
    click.echo(render_check(fmt, [report], names=[(source, target)], color=_use_color(color),
                            show_all=show == "all"), nl=False)
    failing = any(f.severity >= threshold for f in report.findings)
    raise click.exceptions.Exit(ExitCode.FINDINGS if failing else ExitCode.CLEAN)


PAIR_SHAPE = 'each line must be an object {"id": ..., "source": "...", "target": "..."}'


def read_pairs(path: str) -> Iterator[Tuple[int, Optional[dict], Optional[str]]]:
    """Yield (line number, pair, None) for good lines and (line number, None, reason) for bad ones;
    a reason says what is wrong with the line and how to fix it."""
    from aligner.read import read_text

    text = read_text(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            pair = json.loads(line)
        except json.JSONDecodeError as err:
            yield number, None, f"not valid JSON ({err.msg} at column {err.colno}); {PAIR_SHAPE}"
            continue
        if not isinstance(pair, dict):
            yield number, None, f"not a JSON object; {PAIR_SHAPE}"
            continue
        missing = [k for k in ("id", "source", "target") if k not in pair]
        if missing:
            yield number, None, f"missing {', '.join(missing)}; {PAIR_SHAPE}"
            continue
        if not all(isinstance(pair[k], str) for k in ("source", "target")):
            yield number, None, f"source and target must be strings; {PAIR_SHAPE}"
            continue
        try:
            for k in ("source", "target"):
                pair[k].encode("utf-8")
        except UnicodeEncodeError:  # JSON allows lone surrogates ("\\ud800"), which are no text
            yield number, None, f"{k} holds an invalid character (a lone surrogate); fix the text's encoding"
            continue
        empty = [k for k in ("source", "target") if not any(ch.isalnum() for ch in pair[k])]
        if empty:
            yield number, None, f"{' and '.join(empty)} has no text to check; give the text of both sides"
            continue
        yield number, pair, None


def _check_pairs(path, fmt, options, model, use_cache, threshold, color, show) -> int:
    """Check every good line and report it; bad lines are named on stderr and make the exit 2.

    The sentences of several pairs go to the encoder in one batch (pipeline.check_many)."""
    from aligner.inputs import TextPair
    from aligner.pipeline import check_many
    from aligner.report import render_check
    from aligner.result import Origin

    bad_lines = 0
    line_of = {}

    def good_pairs():
        nonlocal bad_lines
        for number, pair, reason in read_pairs(path):
            if reason:
                bad_lines += 1
                click.echo(f"aligner: error: {path} line {number}: {reason}", err=True)
                continue
            line_of[str(pair["id"])] = number
            yield TextPair(str(pair["id"]), pair["source"], pair["target"],
                           Origin(source_path=path, target_path=path, segment_id=str(pair["id"]),
                                  source_line=number, target_line=number))

    pairs = good_pairs()
    first = next(pairs, None)
    if first is None:
        if fmt == "json":
            click.echo(render_check(fmt, [], as_list=True), nl=False)
        return ExitCode.UNUSABLE if bad_lines else ExitCode.CLEAN
    encoder = _encoder(model, use_cache)
    _progress(f"checking {path} with {encoder.name}")

    def all_pairs():
        yield first
        yield from pairs

    failing = False
    collected: List = []  # only the json format, one array, has to wait for the end
    for pair, report, err in check_many(all_pairs(), _embed_fn(encoder), encoder.name, options):
        if err is not None:  # a bug, but one pair must not lose the reports of the others
            bad_lines += 1
            click.echo(f"aligner: error: {path} line {line_of.get(pair.id, '?')}: internal error "
                       f"({type(err).__name__}: {err}); please report it with this line", err=True)
            continue
        failing = failing or any(f.severity >= threshold for f in report.findings)
        if fmt == "json":
            collected.append(report)
        else:
            click.echo(render_check(fmt, [report], color=_use_color(color), show_all=show == "all"), nl=False)
            sys.stdout.flush()
    if fmt == "json":
        click.echo(render_check(fmt, collected, as_list=True), nl=False)
    if bad_lines:
        return ExitCode.UNUSABLE
    return ExitCode.FINDINGS if failing else ExitCode.CLEAN


@cli.command("align")
@click.argument("source")
@click.argument("target")
@click.option("--format", "-f", "fmt", type=click.Choice(ALIGN_FORMATS), default="beads", show_default=True,
              help="beads: `[0]:[0,1]:0.8734` per line; tsv: score, source and target text; json.")
@_common
def align_command(source, target, fmt, model, source_lang, target_lang, presplit, encoding, max_bead, no_cache):
    """Align the sentences of SOURCE and TARGET and print the aligned pairs (no checks)."""
    from aligner.pipeline import check_pair
    from aligner.read import read_text
    from aligner.report import render_alignment

    options = _options(source_lang, target_lang, presplit, max_bead)
    source_text = read_text(source, encoding)
    target_text = read_text(target, encoding)
    encoder = _encoder(model, not no_cache)
    report = check_pair(source_text, target_text, _embed_fn(encoder), encoder.name, options, run_checks=False)
    click.echo(render_alignment(fmt, report), nl=False)


@cli.command()
@click.argument("rule", required=False)
def explain(rule: Optional[str]) -> None:
    """Print what RULE checks, why it matters, an example and how to fix it (no RULE: list the rules)."""
    from aligner.checks.registry import all_rules

    rules = all_rules()
    if rule is None:
        width = max(len(r) for r in rules)
        for doc in rules.values():
            click.echo(f"{doc.id:<{width}}  {doc.kind.value:<14}  {doc.title}")
        return
    if rule not in rules:
        raise InputError(f"{rule}: no such rule; `aligner explain` lists the rules")
    click.echo(rules[rule].explain(), nl=False)


@cli.command()
def models() -> None:
    """List the named model presets that --model accepts."""
    from aligner.embed import list_presets

    for preset in list_presets():
        click.echo(preset.describe())


def main(argv: Optional[List[str]] = None) -> None:
    """Entry point: every failure the user can cause ends in one line and exit status 2."""
    try:
        # Without standalone mode click hands back the status of an Exit raised by a command.
        status = cli.main(args=argv, prog_name="aligner", standalone_mode=False)
    except click.exceptions.Exit as done:
        status = done.exit_code
    except InputError as err:
        click.echo(f"aligner: error: {err}", err=True)
        sys.exit(ExitCode.UNUSABLE)
    except click.UsageError as err:
        hint = f"; see `{err.ctx.command_path} --help`" if err.ctx else ""
        click.echo(f"aligner: error: {err.format_message()}{hint}", err=True)
        sys.exit(ExitCode.UNUSABLE)
    except click.Abort:
        click.echo("aligner: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(status if isinstance(status, int) else ExitCode.CLEAN)
