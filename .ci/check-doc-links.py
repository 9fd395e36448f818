#!/usr/bin/env python3
"""Checks that every relative link in README.md, CHANGELOG.md and docs/*.md points to an existing file and heading.

Usage: python3 .ci/check-doc-links.py [root]   (exit status 1 when a link is broken)
"""
import re, os, sys, unicodedata
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
files = ['README.md', 'CHANGELOG.md'] + sorted('docs/' + f for f in os.listdir(os.path.join(root, 'docs')) if f.endswith('.md'))
def slug(h):
    h = h.strip().lower()
    h = re.sub(r'[^\w\- ]', '', h)   # GitHub: drop punctuation except - and space, keep word chars (unicode)
    return h.replace(' ', '-')
def anchors(path):
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'```.*?```', '', text, flags=re.S)
    seen = {}
    out = set()
    for m in re.finditer(r'^#{1,6} (.+)$', text, re.M):
        s = slug(m.group(1))
        n = seen.get(s, 0)
        out.add(s if n == 0 else f'{s}-{n}')
        seen[s] = n + 1
    return out
bad = 0; count = 0
for f in files:
    p = os.path.join(root, f)
    text = open(p, encoding='utf-8').read()
    text = re.sub(r'```.*?```', '', text, flags=re.S)
    for m in re.finditer(r'\]\(([^)\s]+)\)', text):
        link = m.group(1)
        if re.match(r'^[a-z]+:', link):
            continue
        count += 1
        target, _, anchor = link.partition('#')
        tp = os.path.normpath(os.path.join(os.path.dirname(p), target)) if target else p
        if not os.path.exists(tp):
            print(f'{f}: missing file {link}'); bad += 1; continue
        if anchor:
            if not tp.endswith('.md') or anchor not in anchors(tp):
                print(f'{f}: missing anchor {link}'); bad += 1
print(f'{count} relative links checked, {bad} broken')
sys.exit(1 if bad else 0)
