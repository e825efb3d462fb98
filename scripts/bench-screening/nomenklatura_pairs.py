#!/usr/bin/env python3
"""Score labelled name pairs with OpenSanctions' nomenklatura matcher.

Reads a JSON-lines file, one pair a line:

  {"id": "p1", "group": "cyrillic", "label": true,
   "a": {"name": "Сергей Плохов", "birth_date": "1980-05-01", "nationality": "ru"},
   "b": {"name": "Sergei Plohov", "birth_date": null, "nationality": null}}

builds two FollowTheMoney Person entities per pair, compares them with a nomenklatura
algorithm (logic-v2 by default, as yente uses), and prints one JSON object with
confusion counts, precision/recall/F1 overall and per group, and scoring speed.

Run with the venv from setup.sh:
  ~/.cache/liaison/nomenklatura-venv/bin/python nomenklatura_pairs.py PAIRS.jsonl
"""

import argparse
import json
import sys
import time
from collections import Counter, defaultdict

WARMUP_PAIRS = 200


def warn(message):
    print(f"nomenklatura_pairs: {message}", file=sys.stderr, flush=True)


def read_pairs(path):
    """Return (pairs, skipped). A bad line is reported with its number and skipped."""
    pairs, skipped = [], 0
    try:
        handle = open(path, encoding="utf-8", errors="replace")
    except OSError as err:
        warn(f"cannot read pair file {path}: {err.strerror}")
        sys.exit(2)
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                pair = json.loads(line)
                problem = pair_problem(pair)
            except ValueError as err:
                problem = f"not valid JSON ({err})"
            if problem:
                warn(f"{path}:{number}: {problem}; line skipped")
                skipped += 1
                continue
            pair.setdefault("id", f"line-{number}")
            pairs.append(pair)
    return pairs, skipped


def pair_problem(pair):
    """Why this decoded line is not a usable pair, or None."""
    if not isinstance(pair, dict):
        return "not a JSON object"
    if not isinstance(pair.get("label"), bool):
        return '"label" must be true or false'
    for side in ("a", "b"):
        if not isinstance(pair.get(side), dict):
            return f'"{side}" must be an object'
    return None


def text_values(value):
    """The usable strings in a field: a string, a number, or a list of those."""
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values
            if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip()]


def make_person(model, entity_id, side):
    """A Person entity with name, birthDate and nationality, each when present.

    Values FollowTheMoney cannot clean (an impossible date, an unknown country code)
    are dropped by it; text is sanitised by it (control characters, bad surrogates)."""
    person = model.make_entity("Person")
    person.id = entity_id
    for prop, field in (("name", "name"), ("birthDate", "birth_date"),
                        ("nationality", "nationality")):
        for value in text_values(side.get(field)):
            try:
                person.add(prop, value)
            except Exception as err:  # odd input must not stop the run
                warn(f"entity {entity_id}: {prop} {value!r} not added: {err}")
    return person


def build_entities(model, pairs, prefix):
    # Ids are unique per run and per pass: logic-v2 caches name analysis by entity id.
    return [(make_person(model, f"{prefix}{i}-a", p["a"]), make_person(model, f"{prefix}{i}-b", p["b"]))
            for i, p in enumerate(pairs)]


def score_all(algorithm, config, entities, pairs, errors):
    scores = []
    for (query, candidate), pair in zip(entities, pairs):
        try:
            scores.append(algorithm.compare(query, candidate, config).score)
        except Exception as err:
            errors[pair["id"]] = f"{type(err).__name__}: {err}"
            scores.append(None)
    return scores


def metrics(counts):
    tp, fp, fn, tn = (counts[k] for k in ("tp", "fp", "fn", "tn"))
    precision = tp / (tp + fp) if tp + fp else None  # null: no predicted matches
    recall = tp / (tp + fn) if tp + fn else None  # null: no true matches in the set
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rounded = lambda x: None if x is None else round(x, 4)
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": rounded(precision), "recall": rounded(recall), "f1": rounded(f1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", help="JSON-lines pair file")
    parser.add_argument("--algorithm", default="logic-v2",
                        help="nomenklatura algorithm name (default: logic-v2; "
                             "others: logic-v1, name-based, name-qualified, regression-v1, ...)")
    parser.add_argument("--threshold", type=float, default=0.70,
                        help="score at or above which a pair counts as a match (default 0.70, yente's)")
    parser.add_argument("--scores", metavar="FILE",
                        help='write per-pair scores here as JSON lines {"id", "score"}')
    args = parser.parse_args()

    pairs, skipped = read_pairs(args.pairs)
    if not pairs:
        warn(f"no usable pairs in {args.pairs} ({skipped} lines skipped)")
        sys.exit(1)

    from followthemoney import model
    from nomenklatura.matching import ALGORITHMS, get_algorithm

    algorithm = get_algorithm(args.algorithm)
    if algorithm is None:
        names = ", ".join(a.NAME for a in ALGORITHMS)
        warn(f"unknown algorithm {args.algorithm!r}; known: {names}")
        sys.exit(2)
    config = algorithm.default_config()

    # Warm-up on copies of the first pairs, under other ids: loads word lists and
    # transliterators. Not timed.
    errors = {}
    warmup = pairs[:WARMUP_PAIRS]
    started = time.perf_counter()
    score_all(algorithm, config, build_entities(model, warmup, "w"), warmup, {})
    warmup_seconds = time.perf_counter() - started

    # Entities are built before timing: "seconds" is comparison time only.
    entities = build_entities(model, pairs, "p")
    started = time.perf_counter()
    scores = score_all(algorithm, config, entities, pairs, errors)
    seconds = time.perf_counter() - started

    for pair_id, error in errors.items():
        warn(f"pair {pair_id!r}: comparison failed ({error}); counted as no match")

    overall, by_group = Counter(), defaultdict(Counter)
    for pair, score in zip(pairs, scores):
        predicted = score is not None and score >= args.threshold
        cell = ("tp" if predicted else "fn") if pair["label"] else ("fp" if predicted else "tn")
        overall[cell] += 1
        group = pair.get("group")
        by_group[group if isinstance(group, str) and group else "unknown"][cell] += 1

    if args.scores:
        with open(args.scores, "w", encoding="utf-8") as out:
            for pair, score in zip(pairs, scores):
                line = {"id": pair["id"], "score": None if score is None else round(score, 6)}
                out.write(json.dumps(line) + "\n")

    result = {
        "algorithm": algorithm.NAME,
        "threshold": args.threshold,
        "pairs": len(pairs),
        "seconds": round(seconds, 4),
        "pairs_per_second": round(len(pairs) / seconds, 1) if seconds > 0 else None,
        "warmup_pairs": len(warmup),
        "warmup_seconds": round(warmup_seconds, 3),
        "skipped_lines": skipped,
        "errors": len(errors),
        "overall": metrics(overall),
        "by_group": {g: metrics(by_group[g]) for g in sorted(by_group)},
    }
    print(json.dumps(result, indent=2))  # ASCII-escaped: safe for any group name


if __name__ == "__main__":
    main()
