"""The text coder from Python codes the seed article as `entente code` does."""

import json
from collections import Counter

import entente

from conftest import REPO, run_cli


def test_the_seed_article_codes_as_with_the_cli(cli, data):
    seed = REPO.parent / "shared" / "seed" / "russia-dprk-alliance-and-japan.txt"
    coder = entente.Coder(data / "petrarch_dictionaries", data / "cameo")
    table = coder.code(seed.read_text())
    ours = table.to_arrow().to_pylist()
    out = run_cli(cli, "--data", str(data), "code", str(seed), "--format", "jsonl").stdout
    theirs = [json.loads(x) for x in out.splitlines() if x.strip()]
    key = lambda r: (r["source"], r["target"], r["code"], r["date"] or None, r["verb"])  # noqa: E731
    assert len(ours) == len(theirs) > 10
    assert Counter(key(r) for r in ours) == Counter(key(r) for r in theirs)
    df = table.to_pandas()
    putin = df[(df.source == "RUSGOV") & (df.target == "PRKGOV")]
    assert "057" in set(putin["code"])
