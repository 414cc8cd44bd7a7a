"""Rebuild `dspy_t2l/data/task_catalog.json`, the training-task catalogue, in place.

Keeps every task's hand-written descriptions (the first `written` of its list), adds our task families
(`dspy_t2l/data/families.json`, source `generated`), and fills every task up to `--n-desc` descriptions with
varied forms made from the task's own descriptions, its name and one training example.

BIG-bench is optional: with its task files (`--bigbench-dir`, `$DSPY_T2L_BIGBENCH` or the cached copy of
`dspy-t2l assets --bigbench-dir`) its JSON tasks that fit the length budget are rebuilt; without them the
catalogue's BIG-bench entries are kept as they are, so the catalogue builds on any machine.

    python scripts/build_task_catalog.py [--n-desc 12] [--bigbench-dir DIR] [--out FILE]
"""
import argparse, json, re, sys
from collections import Counter
from pathlib import Path

from dspy_t2l import tasks as td
from dspy_t2l.core import T2LError
from dspy_t2l.families import families_data

CATALOG = Path(td.__file__).parent/"data"/"task_catalog.json"
# BIG-bench tasks kept out, beyond the length and size rules: relatives of what we evaluate or hold out
BB_EXCLUDE = {
    "(a) GSM8K-like: math word problems": ["elementary_math_qa", "gsm"],
    "(b) medical or medical-adjacent": ["medical", "human_organs_senses", "cryobiology", "suicide_risk", "anatomy", "clinical"],
    "(c) T2L benchmark or held-out relative": ["winogrande", "hellaswag", "piqa", "openbookqa", "arc_", "boolq", "social_iqa",
                                               "socialiqa", "commonsense_qa"],
    "content unsuited to a default adapter (bias and toxicity probes)": ["bbq_lite", "toxicity", "gender_", "hhh_alignment"],
}
MIN_FITTING = 60            # enough fitting examples for disjoint train / val splits
PER_PARENT = {"natural_instructions": 40, "multiemo": 3}   # subtasks kept per parent task (others: 6)

def _bb_kind(pairs, meta):
    if all(re.fullmatch(r"[A-J]", a) for _, a, _ in pairs) and all("\nA. " in q for q, *_ in pairs): return "mc"
    if all(re.fullmatch(r"[-+]?\d+(\.\d+)?", a.replace(",", "")) for _, a, _ in pairs): return "number"
    return "exact"

def _clean(s):
    s = " ".join(str(s or "").split()).removeprefix("Definition:").strip()
    return s if not s or s.endswith((".", "?", "!")) else s + "."

def bigbench_tasks(root):
    "Catalogue entries for BIG-bench tasks and subtasks that fit, and `{name: reason}` for those left out."
    out, skipped, per = [], {}, Counter()
    for f in sorted(root.glob("*/task.json")) + sorted(root.glob("*/*/task.json")):
        parts = f.parent.relative_to(root).parts
        name = "bb_" + "_".join(p.replace("subtask", "ni") for p in parts)
        why = next((r for r, keys in BB_EXCLUDE.items() if any(k in "/".join(parts) for k in keys)), None)
        if why: skipped[name] = why; continue
        meta = json.loads(f.read_text())
        if not meta.get("examples"): continue                       # a parent whose examples live in subtasks
        if len(parts) == 2:
            if per[parts[0]] >= PER_PARENT.get(parts[0], 6): skipped[name] = "enough subtasks of this parent"; continue
        ref = "bigbench/" + "/".join(parts)
        td.file_pool.cache_clear()
        pool = td.file_pool(ref)
        n = sum(len(v) for v in pool.values())
        if n < MIN_FITTING or not pool["val"]: skipped[name] = f"only {n} examples within the length limits"; continue
        if len(parts) == 2: per[parts[0]] += 1
        base = [_clean(meta.get("description")) or f"The BIG-bench task {_topic(name)}."]
        if (p := _clean(meta.get("task_prefix"))) and p != base[0] and len(p) < 400: base.append(p)
        kw = meta.get("keywords") or []
        if isinstance(kw, str): kw = re.findall(r"'([^']+)'", kw)
        if kw: base.append(f"A task about {', '.join(k for k in kw[:4])}.")
        out.append({"name": name, "source": "bigbench", "ref": ref, "kind": _bb_kind(pool["train"][:50], meta),
                    "held_out": False, "written": len(base), "descriptions": base})
    return out, skipped

ANSWER_FORM = {"number": "Give only the final number.", "mc": "Reply with the letter of the correct option.",
               "exact": "Reply with the answer alone, without explanation."}
PERSONA = {"number": "a careful mathematician", "mc": "an expert examiner who knows the subject well",
           "exact": "a precise, literal-minded assistant"}

def _topic(name):
    return re.sub(r"^(bb_|mmlu_|ni\d+_)", "", name).replace("_", " ").strip()

def more_descriptions(t:dict, example:tuple, n:int)->list:
    "Up to `n` descriptions: the task's own first, then forms built from them, its topic and one example."
    own, kind, topic = t["descriptions"][:t["written"]], t["kind"], _topic(t["name"])
    q, a = example
    q1 = " ".join(q.split())
    q1 = q1 if len(q1) <= 140 else q1[:137].rsplit(" ", 1)[0] + "..."
    first, lower = own[0], own[0][0].lower() + own[0][1:]
    forms = [
        f"{topic.capitalize()}.",
        f"{first} {ANSWER_FORM[kind]}",
        f"You are {PERSONA[kind]}. {own[-1]}",
        f"Task: {topic}. For example, given \"{q1}\" the answer is \"{a}\".",
        f"In this task you see inputs like \"{q1}\" and must produce the expected output. {ANSWER_FORM[kind]}",
        f"I need help with {topic}: {lower}",
        f"{' '.join(own[:3])} {ANSWER_FORM[kind]} Be precise: the answer is checked automatically.",
        f"Please help with this {topic} problem. {ANSWER_FORM[kind]}",
        f"This is a task of the kind '{topic}'. {first}",
        f"As {PERSONA[kind]}, solve the following kind of problem: {lower}",
        f"Read the input carefully. {first} Keep the answer short.",
        f"{topic.capitalize()}: {lower} {ANSWER_FORM[kind]}",
        f"Your job: {topic}. {own[-1]}",
        f"Given the input, do the following ({topic}). {first}",
    ]
    out = list(dict.fromkeys(own))
    for f in forms:
        if len(out) >= n: break
        if f not in out: out.append(f)
    return out

def family_tasks(known:set)->list:
    "Catalogue entries for the task families of `families.json` not yet in the catalogue (names in `known`)."
    return [{"name": n, "source": "generated", "ref": f"families/{n}", "kind": f["kind"], "held_out": False,
             "written": len(f["descriptions"]), "descriptions": list(f["descriptions"])}
            for n, f in families_data()["families"].items() if n not in known]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-desc", type=int, default=12)
    ap.add_argument("--bigbench-dir", default=None, help="BIG-bench's task files (default: $DSPY_T2L_BIGBENCH or the cached copy)")
    ap.add_argument("--out", default=str(CATALOG), help="where to write the catalogue (default: the packaged one, in place)")
    a = ap.parse_args()
    cat = json.loads(CATALOG.read_text())
    try: root = td.use_bigbench(a.bigbench_dir)
    except T2LError as e:
        if a.bigbench_dir: print(f"build_task_catalog: error: {e}", file=sys.stderr); sys.exit(2)
        root = None
    if root is None:          # the entries there are kept as they are (their descriptions were made beside BIG-bench's); new tasks added
        fixed, excluded = cat["tasks"], cat["excluded"]
        tasks = family_tasks({t["name"] for t in fixed})
        print(f"BIG-bench task files not found: the catalogue's {len(fixed)} entries are kept unchanged, {len(tasks)} new tasks added")
    else:                     # everything rebuilt from the written descriptions
        own = [t for t in cat["tasks"] if t["source"] != "bigbench"]
        own += family_tasks({t["name"] for t in own})
        for t in own: t["descriptions"] = t["descriptions"][:t["written"]]
        bb, skipped = bigbench_tasks(root)
        fixed, tasks = [], own + bb
        excluded = {k: v for k, v in cat["excluded"].items() if not k.startswith("bb_")} | skipped
    for t in tasks:
        ex = td.catalog_task(t).examples(1, seed=0)[0]
        t["descriptions"] = more_descriptions(t, (ex["question"], ex["answer"]), a.n_desc)
    # a description two tasks share (subtasks often repeat their parent's) names its task's topic
    for tag in (lambda t: _topic(t["name"]).capitalize(), lambda t: t["name"]):
        dup = {d for d, c in Counter(d for t in tasks + fixed for d in t["descriptions"]).items() if c > 1}
        for t in tasks: t["descriptions"] = list(dict.fromkeys(f"{tag(t)}: {d}" if d in dup else d for d in t["descriptions"]))
    tasks = fixed + tasks
    out = Path(a.out)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps({"tasks": tasks, "excluded": excluded}, indent=1, ensure_ascii=False) + "\n")
    tmp.replace(out)
    print(f"{out}: {len(tasks)} tasks ({sum(not t['held_out'] for t in tasks)} for training), "
          f"{min(len(t['descriptions']) for t in tasks)}-{max(len(t['descriptions']) for t in tasks)} descriptions each; "
          f"{len(excluded)} names excluded")

if __name__ == "__main__": main()
