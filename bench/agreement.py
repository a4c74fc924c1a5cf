"""How far two blind raters agree: the ratings the figures use against a second rater's on a sample.

    python bench/agreement.py

``bench/quality/second_ratings/<slug>.json`` holds a second blind rating (same format as
``ratings/``) of questions sampled at random from the rated banks. Printed, per split and in all:
how many questions both rated, how often they agree, Cohen's kappa (agreement beyond chance: 0 is
chance, 1 is full), the share each rater accepted, and the checks behind the disagreements. The
spread between the raters is the uncertainty every "% acceptable" in bench/quality carries.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALITY = ROOT / "bench" / "quality"


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two raters' yes/no verdicts."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    by_chance = first * second + (1 - first) * (1 - second)
    return (observed - by_chance) / (1 - by_chance) if by_chance < 1 else 1.0


def main() -> int:
    manifest = json.loads((ROOT / "bench" / "articles" / "manifest.json").read_text(encoding="utf-8"))
    split_of = {Path(e["file"]).stem: e["split"] for e in manifest}
    rows: list[tuple[str, dict, dict]] = []
    for path in sorted((QUALITY / "second_ratings").glob("*.json")):
        second = json.loads(path.read_text(encoding="utf-8"))["ratings"]
        first = json.loads((QUALITY / "ratings" / path.name).read_text(encoding="utf-8"))["ratings"]
        rows += [(split_of[path.stem], first[key], rating) for key, rating in second.items() if key in first]
    if not rows:
        print("no second ratings in bench/quality/second_ratings")
        return 1
    for split in ("tune", "test", "all"):
        chosen = [(a, b) for s, a, b in rows if split in (s, "all")]
        pairs = [(a["acceptable"], b["acceptable"]) for a, b in chosen]
        if not pairs:
            continue
        n = len(pairs)
        agree = sum(a == b for a, b in pairs)
        print(
            f"{split:5s}: {n} questions rated twice, agree on {agree} = {100 * agree / n:.0f}%, kappa {kappa(pairs):.2f}; "
            f"accepted by the first rater {sum(a for a, _ in pairs)} ({100 * sum(a for a, _ in pairs) / n:.0f}%), "
            f"by the second {sum(b for _, b in pairs)} ({100 * sum(b for _, b in pairs) / n:.0f}%)"
        )
    reasons = Counter(
        check for _, a, b in rows if a["acceptable"] != b["acceptable"] for check in set(a["fails"]) ^ set(b["fails"])
    )
    print("checks one rater failed and the other did not, where they disagree:")
    for check, count in reasons.most_common():
        print(f"  {check:16s} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
