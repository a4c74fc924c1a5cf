"""Write out the model writer's prompts for a split of the quality corpus, to record replies for.

    python bench/model_prompts.py --split tune --out DIR

Each article part becomes ``DIR/<slug>-<n>.txt`` (the system message, then the user message,
exactly as quizapp sends them) and ``DIR/prompts.json`` maps each part's file name to the SHA-256 of
its user message: the key ``bench/quality/model_replies/index.json`` finds a recorded reply by
(``bench/model_replay.py`` serves it through ``tests/fake_llm.py``). Whoever records the replies
sees only these files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import ARTICLES, read  # noqa: E402

from quizapp.generation.model_writer import QUESTIONS_PER_1000_WORDS, ModelSettings, chunks_of, messages_for  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    words_per_request = ModelSettings(url="", model="").words_per_request
    digests = {}
    for entry in json.loads((ARTICLES / "manifest.json").read_text(encoding="utf-8")):
        if args.split != "all" and entry["split"] != args.split:
            continue
        slug, parsed = Path(entry["file"]).stem, read(entry)
        for n, chunk in enumerate(chunks_of(parsed, words_per_request), 1):
            words = sum(len(text.split()) for _, text in chunk)
            system, user = messages_for(parsed.title, chunk, max(3, round(words * QUESTIONS_PER_1000_WORDS / 1000)))
            name = f"{slug}-{n}"
            (args.out / f"{name}.txt").write_text(f"SYSTEM MESSAGE:\n{system['content']}\n\nUSER MESSAGE:\n{user['content']}\n", encoding="utf-8")
            digests[f"{name}.json"] = hashlib.sha256(user["content"].encode()).hexdigest()
    (args.out / "prompts.json").write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(digests)} prompts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
