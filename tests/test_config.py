"""Configuration: where the file is found, what its keys mean, and how the command line overrides it.

The discovery and parsing tests call aligner.config directly; the tests of what reaches the
pipeline run the real `check` command in-process with the checking itself replaced by a fake,
so no model is loaded here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.config import load_config
from aligner.errors import InputError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """An empty repository (a .git folder stops the search) as the current directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- discovery


def test_no_file_gives_an_empty_config(repo):
    config = load_config()
    assert config.path is None and config.fail_on is None and config.warnings == ()


def test_aligner_toml_wins_over_pyproject_in_the_same_directory(repo):
    write(repo / "pyproject.toml", '[tool.aligner]\nfail-on = "info"\n')
    write(repo / "aligner.toml", 'fail-on = "error"\n')
    config = load_config()
    assert config.path.name == "aligner.toml" and config.fail_on == "error"


def test_pyproject_tool_aligner_is_read(repo):
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.aligner]\nmax-bead = 4\nallow = ["Acme Cloud"]\n'
                                   '\n[tool.aligner.severity]\nlow-similarity = "off"\n')
    config = load_config()
    assert config.path.name == "pyproject.toml"
    assert config.max_bead == 4 and config.allow == ("Acme Cloud",)
    assert config.disabled_by_severity() == ("low-similarity",)


def test_search_goes_up_from_a_subdirectory_and_skips_a_pyproject_without_the_table(repo, monkeypatch):
    write(repo / "aligner.toml", 'jobs = 3\n')
    write(repo / "docs" / "pyproject.toml", '[project]\nname = "docs"\n')  # no [tool.aligner]: not ours
    (repo / "docs" / "de").mkdir()
    monkeypatch.chdir(repo / "docs" / "de")
    config = load_config()
    assert config.path == repo / "aligner.toml" and config.jobs == 3


def test_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    write(tmp_path / "aligner.toml", 'jobs = 3\n')  # above the repository: someone else's
    (tmp_path / "project" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "project")
    assert load_config().path is None


def test_explicit_config_is_used_and_a_missing_one_refused(repo):
    write(repo / "ci" / "strict.toml", 'fail-on = "info"\n')
    write(repo / "aligner.toml", 'fail-on = "error"\n')
    assert load_config("ci/strict.toml").fail_on == "info"
    with pytest.raises(InputError, match="no-such.toml: no such file"):
        load_config("no-such.toml")


def test_paths_in_the_file_are_relative_to_the_file(repo, monkeypatch):
    write(repo / "aligner.toml", 'baseline = "ci/baseline.json"\ninputs = ["docs/{lang}/*.md"]\n')
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    config = load_config()
    assert Path(config.baseline) == Path("../ci/baseline.json")
    assert config.inputs == ("{lang}/*.md",)  # docs/{lang}/*.md seen from docs/


# ----------------------------------------------------------------- values


def test_unknown_keys_and_rules_are_warnings(repo):
    write(repo / "aligner.toml", 'foo = 1\ndisable = ["no-such-rule", "low-similarity"]\n'
                                 '[severity]\nnot-a-rule = "error"\n')
    config = load_config()
    assert config.disable == ("low-similarity",)
    assert config.warnings[0].startswith("aligner.toml: unknown key 'foo' (known: allow, baseline, ")
    assert any("disable: unknown rule 'no-such-rule'" in w for w in config.warnings)
    assert any("severity: unknown rule 'not-a-rule'" in w for w in config.warnings)


@pytest.mark.parametrize("line, needle", [
    ('max-bead = "eight"', 'max-bead = "eight" is not allowed; use a whole number, 2 or more'),
    ('fail-on = "fatal"', "use one of error, warning, info"),
    ('presplit = "yes"', "use true or false"),
    ('allow = "Acme"', "use a list of strings"),
    ('jobs = 0', "use a whole number, 1 or more"),
    ('format = "pdf"', "use one of text, json"),
    ('[severity]\nsentence-omission = "fatal"', 'severity.sentence-omission = "fatal" is not allowed'),
    ('fail-on = ', "not valid TOML"),
])
def test_bad_values_are_refused_naming_file_key_and_fix(repo, line, needle):
    write(repo / "aligner.toml", line + "\n")
    with pytest.raises(InputError) as refused:
        load_config()
    assert str(refused.value).startswith("aligner.toml: ")
    assert needle in str(refused.value)


def test_severity_levels_split_into_overrides_and_disabled_rules(repo):
    write(repo / "aligner.toml", '[severity]\nlow-similarity = "off"\nnumber-mismatch = "warning"\n')
    config = load_config()
    assert config.disabled_by_severity() == ("low-similarity",)
    assert config.severity_overrides() == (("number-mismatch", "warning"),)


# ----------------------------------------------------------------- what reaches the pipeline


@pytest.fixture
def captured(monkeypatch):
    """Run `aligner check` in-process with the checking replaced: records the options it gets."""
    seen = {}

    def fake_check_pairs(pairs, *, model, use_cache, options, jobs, progress):
        seen.update(options=options, model=model, use_cache=use_cache, jobs=jobs, pairs=list(pairs))
        return iter(())

    monkeypatch.setattr("aligner.jobs.check_pairs", fake_check_pairs)

    def run(*args):
        from aligner.cli import cli

        result = CliRunner().invoke(cli, ["check", *args])
        return result, seen

    return run


def test_config_values_reach_the_check_options(repo, captured):
    write(repo / "aligner.toml", 'allow = ["Acme Cloud", "FooBar"]\njobs = 2\nno-cache = true\nmax-bead = 5\n'
                                 'disable = ["low-similarity"]\n'
                                 '[severity]\nuntranslated-sentence = "off"\nnumber-mismatch = "info"\n')
    write(repo / "en" / "a.txt", "One sentence here.\n")  # a corpus: --jobs applies to more than one pair
    write(repo / "de" / "a.txt", "Hier ein Satz.\n")
    result, seen = captured("en", "de")
    assert result.exit_code == 0, result.output
    options = seen["options"]
    assert options.allow_terms == ("Acme Cloud", "FooBar")
    assert set(options.disabled_rules) == {"low-similarity", "untranslated-sentence"}
    assert options.severity_overrides == (("number-mismatch", "info"),)
    assert options.align_params.max_bead == 5
    assert seen["jobs"] == 2 and seen["use_cache"] is False


def test_the_command_line_overrides_the_file(repo, captured):
    write(repo / "aligner.toml", 'allow = ["Acme"]\njobs = 2\nno-cache = true\nmax-bead = 5\n'
                                 'disable = ["low-similarity"]\nmodel = "e5-small"\n')
    result, seen = captured(str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), "--allow", "Other", "--jobs", "1",
                            "--cache", "--max-bead", "3", "--disable", "number-mismatch", "--model", "minilm-l6")
    assert result.exit_code == 0, result.output
    options = seen["options"]
    assert options.allow_terms == ("Other",)
    assert options.disabled_rules == ("number-mismatch",)
    assert options.align_params.max_bead == 3
    assert (seen["jobs"], seen["use_cache"], seen["model"]) == (1, True, "minilm-l6")


def test_configured_inputs_are_checked_when_no_paths_are_given(repo, captured):
    write(repo / "en" / "a.txt", "One sentence here.\n")
    write(repo / "de" / "a.txt", "Hier ein Satz.\n")
    write(repo / "aligner.toml", 'inputs = ["{lang}/*.txt"]\n')
    result, seen = captured()
    assert result.exit_code == 0, result.output
    assert [pair.id for pair in seen["pairs"]] == ["{lang}/a.txt"]


# ----------------------------------------------------------------- as a user sees it


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_unknown_key_warning_is_one_line_on_stderr(repo):
    write(repo / "aligner.toml", 'foo = 1\n')
    result = run_cli("check", "missing-en.txt", "missing-de.txt", cwd=repo)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("aligner: warning: aligner.toml: unknown key 'foo' (known: allow, baseline, disable")
    assert lines[1] == "aligner: error: missing-en.txt: no such file; check the path"
    assert result.returncode == 2


def test_bad_value_is_one_error_line_and_exit_2(repo):
    write(repo / "aligner.toml", 'max-bead = "eight"\n')
    result = run_cli("check", str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), cwd=repo)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ('aligner: error: aligner.toml: max-bead = "eight" is not allowed; '
                             "use a whole number, 2 or more\n")


def test_command_line_overrides_the_file_as_a_user_sees_it(repo):
    # The model is the first thing that fails, so the message shows which setting won, without loading one.
    write(repo / "aligner.toml", 'model = "./model-from-file"\n')
    from_file = run_cli("check", str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), cwd=repo)
    assert from_file.returncode == 2 and "model-from-file" in from_file.stderr
    from_cli = run_cli("check", str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), "--model", "./model-from-cli",
                       cwd=repo)
    assert from_cli.returncode == 2 and "model-from-cli" in from_cli.stderr
