"""Who's who on the real dev articles: actor precision, recall and type accuracy (issue 17).

    python bench/score_dev_actors.py [--verbose] [--only NAME] [--dump]

Needs ``../shared/dev`` (articles and gold) and ``../shared/tools/score_extraction.py`` beside
the repository; prints a note and exits 0 when they are absent (a fresh clone has neither).
Scores with the shared scorer's own ``score`` function, but extracts in this process with one
model load (the scorer runs ``briefing extract`` once per article). Targets of issue 17 on the
dev set: actor precision >= 0.95, recall >= 0.95, types >= 0.97.
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
SHARED = ROOT.parent / "shared"
TARGETS = {"actorP": 0.95, "actorR": 0.95, "typeAcc": 0.97}


def _scorer():
    path = SHARED / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="missed, junk and split actors and type errors")
    ap.add_argument("--only", default="", help="score only gold files whose name contains this")
    ap.add_argument("--dump", action="store_true", help="print every actor found (name, type, aliases, roles)")
    a = ap.parse_args(argv)
    gold_dir, art_dir = SHARED / "dev" / "gold", SHARED / "dev" / "articles"
    if not gold_dir.is_dir() or not (SHARED / "tools" / "score_extraction.py").is_file():
        print(f"no dev set at {SHARED / 'dev'}: skipped")
        return 0
    sc = _scorer()
    from briefing.extract.article import extract_document
    from briefing.extract.nlp import get_nlp
    from briefing.read.dispatch import parse_file

    nlp = get_nlp()
    tot: dict[str, int] = {}
    for gf in sorted(gold_dir.glob("*.json")):
        if a.only not in gf.name:
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = parse_file(str(art_dir / gold["source"]))
        pred = json.loads(json.dumps(extract_document(doc, nlp).to_json()))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            r = sc.score(gold, pred, a.verbose, gf.name)
        types = [x for x in out.getvalue().splitlines() if "] type:" in x]
        print(f"{gf.name}: actors {r['req_hit']}/{r['req']} found, {r['pred_ok']}/{r['pred']} correct, "
              f"types {r['type_ok']}/{r['typed']}")
        if a.verbose:
            for line in types:
                print(line)
            for key, label in (("miss", "missed actors"), ("junk", "junk actors"), ("dup", "split actors")):
                if r[key]:
                    print(f"  {label}:", r[key])
        if a.dump:
            for x in pred["actors"]:
                roles = x.get("roles", [])
                print(f"    {x['type']:12} {x['name']!r} aliases={x.get('aliases')} roles={roles} "
                      f"n={x.get('mentions')}")
        for k, v in r.items():
            if isinstance(v, int):
                tot[k] = tot.get(k, 0) + v

    def d(x: str, y: str) -> float:
        return tot.get(x, 0) / tot[y] if tot.get(y) else 0.0
    figures = {"actorP": d("pred_ok", "pred"), "actorR": d("req_hit", "req"), "typeAcc": d("type_ok", "typed")}
    print(" ".join(f"{k}={v:.3f}" for k, v in figures.items()),
          "| targets (issue 17):", " ".join(f"{k}>={v}" for k, v in TARGETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
