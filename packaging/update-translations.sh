#!/usr/bin/env bash
# Refreshes resources/translations/hubgate_en.ts from the sources: every "%n" message gets its
# English singular and plural form, derived from the "(s)" in its text ("%n request(s)" ->
# "%n request" / "%n requests"). Run it after adding or changing a tr() text with %n.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ts="$root/resources/translations/hubgate_en.ts"
lupdate=$(command -v lupdate6 || command -v /usr/lib/qt6/bin/lupdate)
"$lupdate" -silent -no-obsolete -pluralonly -locations none -source-language en -target-language en \
    "$root/app" "$root/ui" "$root/models" -ts "$ts"
python3 - "$ts" <<'PY'
import re, sys
import xml.etree.ElementTree as ET

irregular = {"repositories": "repository"}

def forms(text):
    one = re.sub(r"\((s|es)\)", "", text)
    other = re.sub(r"\((s|es)\)", r"\1", text)
    for plural, singular in irregular.items():
        one = one.replace(plural, singular)
    return one, other

path = sys.argv[1]
tree = ET.parse(path)
for message in tree.iter("message"):
    if message.get("numerus") != "yes":
        continue
    source = message.find("source").text
    translation = message.find("translation")
    for child in list(translation):
        translation.remove(child)
    translation.attrib.pop("type", None)
    for form in forms(source):
        ET.SubElement(translation, "numerusform").text = form
ET.indent(tree)
with open(path, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    out.write(ET.tostring(tree.getroot(), encoding="unicode"))
    out.write("\n")
PY
echo "Updated $ts"
