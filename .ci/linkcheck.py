"Relative links in the rendered docs that point at no file; exit 1 (and list them) if there are any."
import pathlib, re, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "_proc/_docs")
bad = sorted({(f.relative_to(root).as_posix(), h) for f in root.rglob("*.html")
              for h in re.findall(r'(?:href|src)="([^"#?]+)', f.read_text(errors="replace"))
              if not re.match(r"^(?:[a-z]+:|//)", h) and not (f.parent/h).exists()})
for page, h in bad: print(f"broken link in {page}: {h}")
print(f"links: {len(bad)} broken in {sum(1 for _ in root.rglob('*.html'))} pages")
sys.exit(1 if bad else 0)
