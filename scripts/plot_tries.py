"""Plot the default checkpoint's tries (`trained_t2l/smollm2_t2l/tries.json`): GSM8K answer loss against parse failures.

    python scripts/plot_tries.py [tries.json] [out.png]

The goal corner (answer loss below the base model's, at most 10% unparsed: issue 16's bar) is shaded.
"""
import json, sys, textwrap
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from dspy_t2l.core import atomic_path

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    src = Path(argv[0] if argv else "trained_t2l/smollm2_t2l/tries.json")
    out = Path(argv[1]) if len(argv) > 1 else src.with_suffix(".png")
    if not src.exists(): sys.exit(print(f"error: {src} does not exist; give the tries file as the first argument", file=sys.stderr) or 2)
    d = json.loads(src.read_text())
    base = next(t["loss"] for t in d["tries"] if t["name"] == "base model")
    goal = [t for t in d["tries"] if t["loss"] < base and t["unparsed"] <= 0.10]
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    lo = min(t["loss"] for t in d["tries"]) - 0.03
    ax.fill_between([lo, base], -5, 10, color="#10b981", alpha=0.12, label="goal: below base, <= 10% unparsed")
    placed = []                           # labels already drawn: a near neighbour's label goes one line lower
    for t in sorted(d["tries"], key=lambda t: (t["unparsed"], t["loss"])):
        c = "#9aa5b1" if t["name"] == "base model" else "#3b82f6" if t["kept"] else "#f59e0b"
        x, y = t["loss"], 100 * t["unparsed"]
        ax.scatter(x, y, s=60, color=c, zorder=3)
        dy = 4 - 11 * sum(abs(x - px) < 0.1 and abs(y - py) < 4 for px, py in placed)
        ax.annotate(t["name"], (x, y), xytext=(6, dy), textcoords="offset points", fontsize=8)
        placed.append((x, y))
    ax.axvline(base, color="#9aa5b1", ls="--", lw=1)
    ax.set(xlabel="3-shot answer loss, 24 GSM8K val items (nats/token; lower is better)",
           ylabel="unparsed outputs, 8 test problems, 3-shot (%)", ylim=(-5, 105), xlim=(lo, max(t["loss"] for t in d["tries"]) + 0.08),
           title=textwrap.fill("GSM8K with three demos: " + (", ".join(t["name"] for t in goal) + " in the goal corner"
                                                  if goal else "no try reaches the goal corner"), 80))
    ax.legend(loc="upper right", fontsize=8); ax.grid(alpha=0.3)
    fig.tight_layout()
    with atomic_path(out) as tmp: fig.savefig(tmp, dpi=110, format="png")
    print(out)

if __name__ == "__main__": main()
