"""Short coverage-guided fuzz runs of the parser and bank harnesses (tests/fuzz/), and what fuzzing found.

A run here is a smoke test (a few thousand inputs from a fixed seed, a few seconds each); a long
session is in README.md's Security section.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from quizapp.articles.html_text import html_to_text
from quizapp.generation.bank import BankError, load_bank

from .conftest import ROOT

pytestmark = pytest.mark.fuzz

FUZZ_DIR = ROOT / "tests" / "fuzz"
SEEDS = {
    "fuzz_parser.py": [*sorted((ROOT / "tests" / "articles").glob("*.txt")), *sorted((ROOT / "questions").glob("*.txt"))],
    "fuzz_bank.py": sorted((ROOT / "questions").glob("*.json")),
}


@pytest.mark.parametrize(("harness", "runs"), [("fuzz_parser.py", 6000), ("fuzz_bank.py", 8000)])
def test_a_short_fuzz_run_finds_nothing(harness, runs, tmp_path):
    pytest.importorskip("atheris")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS[harness]:
        shutil.copy(seed, seeds)
    corpus = tmp_path / "corpus"  # libFuzzer writes the inputs it keeps here, not into the repository
    corpus.mkdir()
    command = [
        sys.executable, str(FUZZ_DIR / harness), str(corpus), str(seeds),
        f"-runs={runs}", "-seed=1", f"-artifact_prefix={tmp_path}/", "-max_total_time=60",
    ]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    report = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("INFO: Instrumenting"))
    assert done.returncode == 0, f"{harness} found a failing input:\n{report[-4000:]}"
    assert re.search(rf"Done {runs} runs in \d+ second", report), report[-2000:]


# Found by the harnesses (or next to what they found); they turned a teacher's upload into a 500.
def test_html_with_an_unknown_marked_section_is_reduced_to_text():
    assert html_to_text("<p>Text</p><p>More</p><![foo[ x") == "Text\n\nMore\n"


@pytest.mark.parametrize(
    "section",
    [
        "<![foo[ x ]]>",  # an unknown keyword, closed
        "<![foo x>",
        "<![ if]>",  # no name right after "<!["
        "<![1]>",
        "<![[x]]>",
        "<![]>",
        "<![\n\nfoo]>",
        "<![-x>",
        "<![CDATA[x]]>",  # the ones html.parser knows are read as before
        "<![if !supportLists]><![endif]>",
    ],
)
def test_any_marked_section_between_paragraphs_keeps_both(section):
    assert html_to_text(f"<p>Text</p>{section}<p>More</p>") == "Text\n\nMore\n"


@pytest.mark.parametrize("opener", ["[", '{"a": ', '{"questions": [', "[{}, "])
def test_deeply_nested_json_is_refused_as_a_bank(opener):
    with pytest.raises(BankError, match="nested too deeply"):
        load_bank("[" * 100_000)
    with pytest.raises(BankError, match="nested too deeply"):
        load_bank((opener * 100_000).encode())
