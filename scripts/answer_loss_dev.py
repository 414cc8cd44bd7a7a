"""Answer loss on a benchmark's `val` split (never scored by `dspy-t2l evaluate`), for comparing T2L checkpoints.

The loss is the teacher-forced loss of the gold output in the task's DSPy program, rendered as `evaluate` renders
it (with `--shots` demos), in nats per token, for the base model and for the adapter each checkpoint generates
from the task's description; each line gives the mean with a 95% interval (a studentized bootstrap over the
items), the paired difference from the base model on the same items, and from the first checkpoint's adapter. The model card's checkpoint choices were made with it:

    python scripts/answer_loss_dev.py trained_t2l/smollm2_t2l runs/t2l_v5 --task code --n 24 --shots 3

`--strength 0.5,1` also scores each generated adapter with its update scaled (B times the factor): a diagnostic
of how much of the adapter's pull a task's prompt can take.
"""
import argparse, sys
import numpy as np
import dspy

from dspy_t2l import stats
from dspy_t2l.core import T2LError
from dspy_t2l.engine import LoRARuntime
from dspy_t2l.lora import LoRA
from dspy_t2l.evaluate import build_program, gold_pairs, program_adapter
from dspy_t2l.tasks import get_task

def mean_ci(x, sign=""):
    "Mean of `x` with its 95% interval (`dspy_t2l.stats.mean_ci`: studentized bootstrap; a difference when `sign` is '+')."
    e = stats.mean_ci(list(x), floor=None if sign else 0)
    return f"{e.mean:{sign}.3f} (95% CI {e.lo:{sign}.3f} to {e.hi:{sign}.3f}, {e.method})"

def gold_messages(task, rt, exs, shots):
    "The gold `(messages, output)` pairs of `exs` in the task's program with `shots` demos (the same for every adapter)."
    with dspy.context(adapter=program_adapter()): pairs = [p for p in gold_pairs(build_program(task, rt, None, shots, 0), exs) if p]
    if not pairs: raise T2LError(f"task {task.name!r} has no gold outputs to score in its program; use a task with them (code, medical)")
    return pairs

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("t2l_dirs", nargs="+", help="T2L checkpoint folders (the base model is the first one's)")
    ap.add_argument("--task", default="code", help="benchmark task (default: code, GSM8K)")
    ap.add_argument("--n", type=int, default=24, help="items of the val split, a seeded subset (default: 24)")
    ap.add_argument("--shots", type=int, default=3, help="demos in the prompt (default: 3)")
    ap.add_argument("--strength", default="1", help="comma-separated factors on each generated adapter's update (default: 1)")
    a = ap.parse_args(argv)
    try:
        if a.n < 2: raise T2LError(f"--n must be at least 2 for an interval, not {a.n}")
        try: strengths = [float(x) for x in a.strength.split(",")]
        except ValueError: raise T2LError(f"--strength takes comma-separated numbers (e.g. 0.5,1), not {a.strength!r}") from None
        task = get_task(a.task, "eval")
        exs = task.load("val", limit=a.n, seed=0).examples
        base = pairs = first = None
        for d in a.t2l_dirs:
            rt = LoRARuntime.from_pretrained(d)
            if base is None:
                base_id, pairs = rt.base_id, gold_messages(task, rt, exs, a.shots)
                base = np.array(rt.answer_losses(pairs, None))
                print(f"base: {mean_ci(base)}", flush=True)
            elif rt.base_id != base_id:
                raise T2LError(f"{d} is for another base model than {a.t2l_dirs[0]}; compare checkpoints of one base model per run")
            gen = rt.lora(rt.adapter_for(task.default_desc))
            for k in strengths:          # the update times k: B scaled (as `LoRA.export` bakes a scale)
                lora = gen if k == 1 else LoRA({n: w * k if ".lora_B." in n else w for n, w in gen.lora_sd.items()},
                                               gen.lora_config, gen.task_desc, gen.meta, gen.scale_mode)
                x = np.array(rt.answer_losses(pairs, rt.add_lora(lora)))
                label = d if k == 1 else f"{d} at strength {k:g}"
                vs_first = f"; minus {a.t2l_dirs[0]} {mean_ci(x - first, '+')}" if first is not None and k == 1 else ""
                print(f"{label}: {mean_ci(x)}; minus base {mean_ci(x - base, '+')}{vs_first}", flush=True)
                if first is None and k == 1: first = x
    except T2LError as e:
        sys.exit(print(f"error: {e}", file=sys.stderr) or 2)

if __name__ == "__main__": main()
