"Regenerate README.md from nbs/index.ipynb (nbconvert to Markdown; drops `#|` cell directives and progress-bar noise)."
import pathlib, re, subprocess, sys
root = pathlib.Path(__file__).resolve().parent.parent
md = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "markdown", "--stdout", str(root/"nbs"/"index.ipynb")],
                    check=True, capture_output=True, text=True).stdout
md = re.sub(r"```\n((?:#\|[^\n]*\n)+)", "```python\n", md)                 # code cells: drop directives, tag python
md = re.sub(r"\]\((\w+\.ipynb)\)", r"](nbs/\1)", md)                          # lesson links: relative to nbs/ on the docs site
md = "\n".join(l.rstrip() for l in md.splitlines() if "Loading weights" not in l)
md = re.sub(r"\n{3,}", "\n\n", md).strip() + "\n"
(root/"README.md").write_text(md)
print(f"wrote README.md ({len(md.splitlines())} lines)")
