__version__ = "0.1.0"

# Written by hand (nbdev only keeps the version line above up to date). `import dspy_t2l` stays light: the main
# classes import on first use, so `from dspy_t2l import TaskToLoRA` works without loading torch up front.
_LAZY = {"TaskToLoRA": "module", "T2LProgram": "module", "LoRARuntime": "engine", "T2L": "t2l", "LoRA": "lora",
         "load_lora": "lora", "mlflow_run": "tracking"}

def __getattr__(name):
    if name not in _LAZY: raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)

def __dir__(): return sorted([*globals(), *_LAZY])
