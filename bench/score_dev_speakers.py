"""Speaker attribution (and actors) on the real dev articles of ``../shared/dev`` (issue 16).

    .venv/bin/python bench/score_dev_speakers.py [--verbose] [--dev ../shared/dev] [--only NAME]

Extracts every dev article in this process (the model is loaded once) and scores it with the
shared scorer ``../shared/tools/score_extraction.py`` (same figures as running it with
``--cmd "briefing extract"``): actorP/R, typeAcc, quoteR/P, speakerP, speakerAcc, next to the
issue's targets. Prints a note and exits 0 when ``../shared/dev`` is not there (a fresh clone).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

TARGETS = {"speakerAcc": 0.95, "speakerP": 0.97, "quoteR": 0.98, "quoteP": 0.98}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", default="", help="score only gold files whose name contains this")
    a = ap.parse_args(argv)
    dev = Path(a.dev)
    if not (dev / "gold").is_dir() or not (dev / "articles").is_dir():
        print(f"no dev set at {dev}: nothing to score")
        return 0
    sc = _scorer(dev.parent)
    from briefing.extract.article import extract_document
    from briefing.extract.nlp import get_nlp
    from briefing.read.dispatch import parse_file

    nlp = get_nlp()
    tot: dict[str, int] = {}
    for gf in sorted((dev / "gold").glob("*.json")):
        if a.only and a.only not in gf.name:
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = parse_file(dev / "articles" / gold["source"])
        pred = json.loads(json.dumps(extract_document(doc, nlp).to_json()))
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            r = sc.score(gold, pred, a.verbose, gf.name)
        print(f"{gf.name}: quotes {r['qreq_hit']}/{r['qreq']} found, {r['qpred_ok']}/{r['qpred']} real, "
              f"speakers {r['spk_ok']}/{r['spk']} (given {r['spk_given']}); actors {r['req_hit']}/{r['req']}, "
              f"{r['pred_ok']}/{r['pred']} correct")
        if a.verbose:
            for s in r["spkbad"]:
                print("  wrong speaker:", s)
            if r["qmiss"]:
                print("  missed quotes:", r["qmiss"])
        for k, v in r.items():
            if isinstance(v, int):
                tot[k] = tot.get(k, 0) + v

    def d(x: str, y: str) -> float:
        return tot.get(x, 0) / tot[y] if tot.get(y) else 0.0

    figs = {"actorP": d("pred_ok", "pred"), "actorR": d("req_hit", "req"), "typeAcc": d("type_ok", "typed"),
            "quoteR": d("qreq_hit", "qreq"), "quoteP": d("qpred_ok", "qpred"),
            "speakerP": d("spk_ok", "spk_given"), "speakerAcc": d("spk_ok", "spk")}
    print(" ".join(f"{k}={v:.3f}" for k, v in figs.items()))
    print("targets (issue 16, dev): " + " ".join(
        f"{k}>={t:.2f} {'met' if figs[k] >= t else 'NOT met'}" for k, t in TARGETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
