"""The quality bench with a language model's recorded replies: the model writer's column, reproducible.

    python bench/model_replay.py [quality.py's options]

``bench/quality/model_replies/`` holds replies recorded from a language model given quizapp's
exact prompt for each part of the corpus's articles (``index.json``: the SHA-256 of each prompt's
article part -> its reply file, and who the model was). This script serves them on loopback as an
OpenAI-compatible endpoint (``tests/fake_llm.py``) and runs ``bench/quality.py`` against it, so the
model's questions go through the same proof as a live endpoint's and are rated on the same sheets.
A prompt with no recorded reply (the prompt or the article changed) is answered 404: the bench
then reports the failure instead of a figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_llm import FakeChatServer  # noqa: E402

REPLIES = ROOT / "bench" / "quality" / "model_replies"


def main() -> int:
    index = json.loads((REPLIES / "index.json").read_text(encoding="utf-8"))
    by_prompt = {digest: (REPLIES / name).read_text(encoding="utf-8") for digest, name in index["replies"].items()}
    print(f"replaying {len(by_prompt)} recorded replies of {index['model']}")
    with FakeChatServer(by_prompt=by_prompt) as server:
        env = dict(os.environ, QUIZAPP_LLM_URL=server.url, QUIZAPP_LLM_MODEL=index["model"], QUIZAPP_LLM_RETRIES="0")
        return subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), *sys.argv[1:]], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
