"""The command line: options and configuration in, inputs read, pairs checked, reports out, exit status.

One run of `check`, `baseline` or `align` is the same stream:

    inputs (aligner.inputs)      TextPairs, and InputProblems named on stderr as they come
      -> check_pairs (jobs.py)   reports in input order, in this process or in --jobs workers
      -> baseline.py             `check --baseline`: drop the findings recorded earlier
      -> aligner.report          streamed per report (text, jsonl, github), or rendered once at the end

Only click is imported at start-up, so `aligner --help` answers at once; numpy, the splitter,
the readers and the encoder load when a command needs them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from typing import Iterable, Iterator, List, Optional, Tuple

import click

from aligner import __version__
from aligner.errors import ExitCode, InputError
from aligner.report import ALIGN_FORMATS, CHECK_FORMATS

SEVERITIES = ("error", "warning", "info")
DEFAULT_BASELINE = ".aligner-baseline.json"  # aligner.baseline's, not imported here: --help stays instant


# ----------------------------------------------------------------- options and configuration


def _load_config(ctx: click.Context, _param, path: Optional[str]):
    """--config's callback. It is eager, so it runs before the other options take their defaults:
    the file's values become those defaults, and whatever the command line gives overrides them."""
    from aligner.config import load_config

    config = load_config(path)
    for warning in config.warnings:
        click.echo(f"aligner: warning: {warning}", err=True)
    ctx.default_map = _defaults_from(config, ctx.command.name)
    return config


def _defaults_from(config, command: str) -> dict:
    """The file's keys as the defaults of this command's parameters (click's default_map)."""
    shared = {"model": config.model, "source_lang": config.source_lang, "target_lang": config.target_lang,
              "presplit": config.presplit, "max_bead": config.max_bead, "encoding": config.encoding,
              "no_cache": config.no_cache, "jobs": config.jobs, "input_format": config.input_format}
    if command == "check":
        shared.update(fmt=config.format, fail_on=config.fail_on, disabled=config.disable or None,
                      allow=config.allow or None, baseline=config.baseline)
    elif command == "baseline":
        shared.update(disabled=config.disable or None, allow=config.allow or None, output=config.baseline)
    return {name: value for name, value in shared.items() if value is not None}


def _options(func):
    """The options of every command that reads inputs and embeds them: check, baseline, align."""
    for option in reversed([
        click.option("--config", "config", default=None, is_eager=True, callback=_load_config,
                     metavar="FILE", help="Read settings from FILE instead of the aligner.toml or "
                     "pyproject.toml [tool.aligner] found from here upwards."),
        click.option("--pairs", "pairs_file", default=None, metavar="FILE.jsonl",
                     help="Check many pairs in one run: one JSON object per line with id, source and target texts."),
        click.option("--input-format", default=None, metavar="FORMAT",
                     help="Read the inputs as FORMAT (text, dirs, tmx, xliff, po, ts, xcstrings, jsonl, tsv; "
                          "resource files: json, yaml, properties, strings, android, resx) instead of telling it "
                          "from the file names."),
        click.option("--model", "-m", default=None, metavar="NAME|PATH",
                     help="Encoder: a preset from `aligner models`, a sentence-transformers model name "
                          "or a local model directory. Default: e5-small (bundled, offline)."),
        click.option("--source-lang", default="en", show_default=True, help="Language of SOURCE (ISO code)."),
        click.option("--target-lang", default="de", show_default=True, help="Language of TARGET (ISO code)."),
        click.option("--presplit/--no-presplit", default=False,
                     help="The files hold one sentence per line; keep those sentences."),
        click.option("--encoding", default=None, metavar="NAME",
                     help="Decode the input files with this encoding instead of UTF-8 (e.g. latin-1)."),
        click.option("--max-bead", default=8, show_default=True, metavar="N",
                     help="Most sentences, both sides together, that one aligned pair may hold."),
        click.option("--no-cache/--cache", default=False,
                     help="Do not read or write the embedding cache (ALIGNER_CACHE_DIR, default ~/.cache/aligner)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                     help="Check the pairs of a corpus in N worker processes."),
        click.option("--progress/--no-progress", default=None,
                     help="Progress bars on stderr (default: when stderr is a terminal)."),
    ]):
        func = option(func)
    return func


@dataclass(frozen=True)
class Inputs:
    """What to read, as the command line (or the configuration's `inputs`) gave it."""

    paths: Tuple[str, ...]  # SOURCE TARGET (files or directories), one bilingual file, or a {lang} pattern
    pairs_file: Optional[str]  # --pairs FILE.jsonl
    input_format: Optional[str]
    source_lang: str
    target_lang: str
    encoding: Optional[str]
    changed: Tuple[str, ...] = ()  # --changed: the files a pre-commit hook passes; paths are the configured inputs

    @property
    def single_pair(self) -> bool:
        """Two plain text files: `--format json` prints one report object, as CONTRACT.md says. Two
        resource files (en.json de.json) are a corpus of keyed strings."""
        from aligner.inputs import detect_format

        return (not self.changed and not self.pairs_file and len(self.paths) == 2
                and (self.input_format or detect_format(self.paths)) == "text")

    @property
    def name(self) -> str:
        return self.pairs_file or " and ".join(self.paths) or "the changed files"


def _inputs(config, paths, pairs_file, input_format, source_lang, target_lang, encoding, changed=False) -> Inputs:
    """The inputs of a command: the paths given, else the configuration's `inputs`."""
    if pairs_file and (paths or changed):
        raise InputError("give either SOURCE TARGET (or one bilingual FILE) or --pairs FILE, not both")
    if changed:  # the paths are changed files; what they belong to comes from the configuration
        return Inputs(config.inputs, None, input_format, source_lang, target_lang, encoding, tuple(paths))
    if not paths and not pairs_file:
        paths = config.inputs
    if not paths and not pairs_file:
        raise InputError("give SOURCE and TARGET files or directories, one bilingual FILE, or --pairs FILE.jsonl "
                         "(or `inputs` in aligner.toml); see `aligner check --help`")
    return Inputs(tuple(paths), pairs_file, input_format, source_lang, target_lang, encoding)


def _check_options(config, *, source_lang, target_lang, presplit, max_bead, disabled=(), allow=(), no_checks=False):
    from aligner.align import AlignParams
    from aligner.checks.registry import all_rules
    from aligner.pipeline import CheckOptions

    if max_bead < 2:
        raise InputError(f"--max-bead {max_bead}: a bead needs room for at least 2 sentences; use 2 or more")
    rules = all_rules()
    unknown = [r for r in disabled if r not in rules]
    if unknown:
        raise InputError(f"--disable {unknown[0]}: no such rule; `aligner explain` lists the rules")
    return CheckOptions(
        source_lang=source_lang,
        target_lang=target_lang,
        presplit=presplit,
        align_params=AlignParams(max_bead=max_bead),
        disabled_rules=tuple(dict.fromkeys((*disabled, *config.disabled_by_severity()))),
        allow_terms=tuple(allow),
        severity_overrides=config.severity_overrides(),
        enabled_rules=tuple(rule for rule, _ in config.severity_overrides()),  # naming a rule turns it on
        run_checks=not no_checks,  # `aligner align`: the alignment alone
    )


def _use_color(choice: Optional[bool]) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


# ----------------------------------------------------------------- the commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Check a translation against its source: what it drops, adds, mistranslates or leaves untranslated.

    \b
    aligner check en.txt de.txt            a report to read
    aligner check en/ de/                  every file pair of two trees
    aligner check ui.xlf                   a bilingual file (XLIFF, TMX, PO, Qt .ts, .xcstrings,
                                           TSV, JSONL)
    aligner check en.json de.json          resource files, key by key (also YAML, .properties, .strings,
                                           Android XML, .resx)
    aligner check --pairs corpus.jsonl --format jsonl
    aligner baseline en/ de/               accept today's findings; later checks fail only on new ones
    aligner align en.txt de.txt            the sentence alignment alone

    Settings can live in aligner.toml or [tool.aligner] in pyproject.toml (keys named like the options).
    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 unusable input.
    """


@cli.command()
@click.argument("paths", nargs=-1, metavar="[SOURCE TARGET | FILE]")
@click.option("--format", "-f", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="text: a report to read; json: one report; jsonl: one report per line; sarif, junit, "
                   "github (annotations), markdown, html: for CI and review.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="Exit 1 when a finding has this severity or a higher one (faint info findings, "
                   "below 2% likely, never fail).")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Turn a rule off (repeatable); `aligner explain` lists them.")
@click.option("--allow", multiple=True, metavar="TERM",
              help="A term that stays as it is in the translation, e.g. a product name (repeatable).")
@click.option("--baseline", default=None, metavar="FILE",
              help="Leave out the findings recorded in FILE by `aligner baseline`.")
@click.option("--changed", is_flag=True,
              help="The arguments are changed files (as a pre-commit hook passes them): check the bilingual "
                   "files among them and the pairs of the configured `inputs` they belong to.")
@click.option("--show", type=click.Choice(["problems", "all"]), default="problems", show_default=True,
              help="Text format: show only the pairs with findings, or every aligned pair and every "
                   "finding; other formats for people (not json, jsonl): also show faint info findings.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
@_options
def check(paths, fmt, fail_on, disabled, allow, baseline, changed, show, color, config, pairs_file, input_format,
          model, source_lang, target_lang, presplit, encoding, max_bead, no_cache, jobs, progress):
    """Check TARGET (the translation) against SOURCE and report what is wrong.

    SOURCE and TARGET are two text files, two resource files checked key by key (i18n JSON or
    YAML, .properties, .strings, Android strings.xml, .resx), two directories (files matched by relative path) or
    one pattern with {lang} (docs/{lang}/**/*.md); FILE is one bilingual file (TMX, XLIFF, PO, TSV,
    JSONL).
    """
    from aligner.findings import Severity
    from aligner.report import STREAMING_FORMATS, render_check, render_corpus_end
    from aligner.report.text import CorpusTally

    inputs = _inputs(config, paths, pairs_file, input_format, source_lang, target_lang, encoding, changed)
    options = _check_options(config, source_lang=source_lang, target_lang=target_lang, presplit=presplit,
                             max_bead=max_bead, disabled=disabled, allow=allow)
    threshold = Severity.parse(fail_on)
    known_findings = _read_baseline(baseline)
    render = partial(render_check, fmt, color=_use_color(color), show_all=show == "all", fail_on=threshold,
                     disabled_rules=options.disabled_rules, as_list=not inputs.single_pair)
    run = Run(progress)

    failing = False
    collected = []  # the formats that are one document (json, sarif, junit, markdown, html) wait for the end
    tally = CorpusTally(show_all=show == "all")  # what a streamed corpus says at its end
    for report in run.reports(inputs, model=model, use_cache=not no_cache, options=options, jobs=jobs):
        if known_findings is not None:
            report = run.suppress(report, known_findings)
        failing = failing or any(f.severity >= threshold and not f.faint for f in report.findings)
        if fmt in STREAMING_FORMATS:
            run.progress.clear()
            click.echo(render([report], names=[_names(report)]), nl=False)
            sys.stdout.flush()
            tally.add(report)
        else:
            collected.append(report)
    run.progress.close()
    if fmt not in STREAMING_FORMATS:  # even with no report: an empty SARIF, JUnit or JSON array is still valid
        click.echo(render(collected, names=[_names(r) for r in collected]), nl=False)
    elif not inputs.single_pair:
        click.echo(render_corpus_end(fmt, tally, color=_use_color(color)), nl=False)
    if known_findings is not None:
        run.tell_suppressed(known_findings)
    raise click.exceptions.Exit(run.exit_status(failing))


@cli.command("baseline")
@click.argument("paths", nargs=-1, metavar="[SOURCE TARGET | FILE]")
@click.option("--output", "-o", default=DEFAULT_BASELINE, show_default=True, metavar="FILE",
              help="Where to write the baseline.")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Turn a rule off (repeatable); its findings are not recorded.")
@click.option("--allow", multiple=True, metavar="TERM",
              help="A term that stays as it is in the translation, e.g. a product name (repeatable).")
@_options
def baseline_command(paths, output, disabled, allow, config, pairs_file, input_format, model, source_lang,
                     target_lang, presplit, encoding, max_bead, no_cache, jobs, progress):
    """Record today's findings in a baseline file, so that `check --baseline FILE` fails only on new ones.

    Takes the same inputs and options as `aligner check`. Commit the file; run this command again
    to accept the findings of the day once more.
    """
    from pathlib import Path

    from aligner.baseline import baseline_entries, write_baseline

    inputs = _inputs(config, paths, pairs_file, input_format, source_lang, target_lang, encoding)
    options = _check_options(config, source_lang=source_lang, target_lang=target_lang, presplit=presplit,
                             max_bead=max_bead, disabled=disabled, allow=allow)
    run = Run(progress)
    base = Path(output).resolve().parent  # paths in the file are relative to its folder
    entries = []
    for report in run.reports(inputs, model=model, use_cache=not no_cache, options=options, jobs=jobs):
        entries.extend(baseline_entries(report, base))
    run.progress.close()
    count = write_baseline(Path(output), entries)
    click.echo(f"aligner: recorded {count} finding{'s' if count != 1 else ''} in {output}", err=True)
    raise click.exceptions.Exit(run.exit_status(failing=False))


@cli.command("align")
@click.argument("paths", nargs=-1, metavar="[SOURCE TARGET | FILE]")
@click.option("--format", "-f", "fmt", type=click.Choice(ALIGN_FORMATS), default="beads", show_default=True,
              help="beads: `[0]:[0,1]:0.8734` per line; tsv: score, source and target text; json.")
@_options
def align_command(paths, fmt, config, pairs_file, input_format, model, source_lang, target_lang, presplit,
                  encoding, max_bead, no_cache, jobs, progress):
    """Align the sentences of SOURCE and TARGET and print the aligned pairs (no checks).

    Takes the same inputs as `aligner check`. With several pairs, each pair's beads or tsv lines
    follow a `# NAME` line, and json is an array.
    """
    from aligner.report import render_alignment

    inputs = _inputs(config, paths, pairs_file, input_format, source_lang, target_lang, encoding)
    options = _check_options(config, source_lang=source_lang, target_lang=target_lang, presplit=presplit,
                             max_bead=max_bead, no_checks=True)
    run = Run(progress)
    reports = run.reports(inputs, model=model, use_cache=not no_cache, options=options, jobs=jobs)
    if fmt == "json" and not inputs.single_pair:  # one array of the single-pair objects
        rendered = [render_alignment(fmt, report).rstrip("\n") for report in reports]
        run.progress.close()
        click.echo("[\n" + ",\n".join(rendered) + "\n]\n" if rendered else "[]\n", nl=False)
    else:
        for report in reports:
            run.progress.clear()
            heading = "" if inputs.single_pair else f"# {_title(report)}\n"
            click.echo(heading + render_alignment(fmt, report), nl=False)
            sys.stdout.flush()
        run.progress.close()
    raise click.exceptions.Exit(run.exit_status(failing=False))


@cli.command()
@click.argument("rule", required=False)
def explain(rule: Optional[str]) -> None:
    """Print what RULE checks, why it matters, an example and how to fix it (no RULE: list the rules)."""
    from aligner.checks.registry import OFF_BY_DEFAULT, all_rules

    rules = all_rules()
    if rule is None:
        width = max(len(r) for r in rules)
        for doc in rules.values():
            note = "  (off by default)" if doc.id in OFF_BY_DEFAULT else ""
            click.echo(f"{doc.id:<{width}}  {doc.kind.value:<14}  {doc.title}{note}")
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


# ----------------------------------------------------------------- one run: inputs to reports


def _require_inputs(inputs: Inputs) -> None:
    if inputs.pairs_file and inputs.paths:
        raise InputError("give either SOURCE TARGET (or one bilingual FILE) or --pairs FILE, not both")
    if not inputs.pairs_file and not inputs.paths:
        raise InputError("give SOURCE and TARGET files or directories, one bilingual FILE, or --pairs FILE.jsonl; "
                         "see `aligner check --help`")
    if len(inputs.paths) > 2:
        raise InputError(f"{len(inputs.paths)} paths given; give SOURCE and TARGET, or one bilingual FILE")


def _read_inputs(inputs: Inputs) -> Iterator:
    """TextPairs and InputProblems, in input order; a whole input that cannot be read is an InputError."""
    from aligner.inputs import iter_inputs

    read = partial(iter_inputs, source_lang=inputs.source_lang, target_lang=inputs.target_lang,
                   encoding=inputs.encoding)
    if inputs.pairs_file:
        return read([inputs.pairs_file], input_format="jsonl")
    if inputs.changed:
        return _changed_inputs(inputs, read)
    return read(list(inputs.paths), input_format=inputs.input_format)


def _changed_inputs(inputs: Inputs, read) -> Iterator:
    """--changed: each changed bilingual file, then the pairs of the configured inputs that hold a
    changed file. Other files (a README a hook also passes) are not translations: left alone."""
    from aligner.inputs import SEGMENT_FORMATS, TextPair, detect_format

    def is_bilingual(path: str) -> bool:
        try:
            return detect_format([path]) in SEGMENT_FORMATS
        except InputError:
            return False

    bilingual = [path for path in dict.fromkeys(inputs.changed) if is_bilingual(path)]
    for path in bilingual:
        yield from read([path], input_format=inputs.input_format)
    wanted = {os.path.normpath(path) for path in inputs.changed if path not in bilingual}
    if not inputs.paths or not wanted:
        return
    for item in read(list(inputs.paths), input_format=inputs.input_format):
        files = (item.origin.source_path, item.origin.target_path) if isinstance(item, TextPair) else (item.where,)
        if any(path and os.path.normpath(path) in wanted for path in files):
            yield item


class Run:
    """The bookkeeping of one command: problems told on stderr as they come, the exit status at the end."""

    def __init__(self, progress: Optional[bool]) -> None:
        from aligner.progress import Progress, progress_wanted

        self.progress = Progress(progress_wanted(progress))  # --progress / --no-progress, else: a terminal?
        self.problems = 0  # unusable inputs and failed pairs: each makes the exit status 2
        self.suppressed = 0
        self.matched: set = set()  # baseline fingerprints seen this run

    def reports(self, inputs: Inputs, *, model, use_cache, options, jobs) -> Iterator:
        """Every good pair's report, in input order. The model loads only once there is a pair to check."""
        from aligner.jobs import check_pairs

        pairs = self._good_pairs(_read_inputs(inputs))
        first = next(pairs, None)
        if first is None:
            return
        if inputs.single_pair:
            jobs = 1  # workers share out pairs; one pair gains nothing from them
        self.progress.note(f"checking {inputs.name}" + (f" in {jobs} worker processes" if jobs > 1 else ""))
        for pair, report, err in check_pairs(_chain(first, pairs), model=model, use_cache=use_cache,
                                             options=options, jobs=jobs, progress=self.progress):
            if err is not None:  # a bug, but one pair must not lose the reports of the others
                self.problems += 1
                self.error(f"{_where(pair)}: internal error ({type(err).__name__}: {err}); please report it "
                           "with this input")
                continue
            yield report

    def _good_pairs(self, items: Iterable) -> Iterator:
        from aligner.inputs.base import InputNote, InputProblem

        for item in items:
            if isinstance(item, InputProblem):
                if isinstance(item, InputNote):  # left unchecked on purpose (a fuzzy PO entry): no failure
                    self.progress.clear()
                    click.echo(f"aligner: note: {item}", err=True)
                else:
                    self.problems += 1
                    self.error(str(item))
                continue
            yield item

    def error(self, message: str) -> None:
        self.progress.clear()
        click.echo(f"aligner: error: {message}", err=True)

    def suppress(self, report, known):
        from aligner.baseline import suppress

        report, dropped, matched = suppress(report, known)
        self.suppressed += dropped
        self.matched |= matched
        return report

    def tell_suppressed(self, known) -> None:
        gone = len(known.fingerprints - self.matched)
        stale = (f"; {gone} recorded finding{'s' if gone != 1 else ''} no longer occur (re-run `aligner baseline` "
                 "to drop them)") if gone and not self.problems else ""
        click.echo(f"aligner: {self.suppressed} finding{'s' if self.suppressed != 1 else ''} suppressed by the "
                   f"baseline {known.path}{stale}", err=True)

    def exit_status(self, failing: bool) -> int:
        if self.problems:
            return ExitCode.UNUSABLE
        return ExitCode.FINDINGS if failing else ExitCode.CLEAN


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _read_baseline(path: Optional[str]):
    if path is None:
        return None
    from aligner.baseline import load_baseline

    return load_baseline(path)


def _names(report) -> tuple:
    """The (source, target) names the text report prints: the files of a whole-file pair."""
    origin = report.origin
    if origin is not None and origin.segment_id is None and origin.source_path and origin.target_path:
        return (origin.source_path, origin.target_path)
    return ("source", "target")


def _title(report) -> str:
    origin = report.origin
    if report.id is not None:
        return str(report.id)
    if origin is not None and origin.source_path:
        return f"{origin.source_path} -> {origin.target_path}"
    return "pair"


def _where(pair) -> str:
    """The input a pair came from, as problems with it are named: a file pair, or a file's line."""
    origin = pair.origin
    if origin.segment_id is not None:
        return f"{origin.source_path} line {origin.source_line}"
    return f"{origin.source_path} -> {origin.target_path}" if origin.source_path else "the input"


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
        click.echo(f"aligner: error: {err.format_message().rstrip('.')}{hint}", err=True)
        sys.exit(ExitCode.UNUSABLE)
    except click.Abort:
        click.echo("aligner: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(status if isinstance(status, int) else ExitCode.CLEAN)
