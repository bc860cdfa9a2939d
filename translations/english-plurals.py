#!/usr/bin/env python3
"""Fills the English plural forms of translations/es-inspector_en.ts from the source texts.

The source texts are English with "(s)" where a count (%n) decides the plural ("%n event(s)");
the English translation gives "%n event" and "%n events". Run after lupdate (the
esguiwidgets_lupdate target) has added new texts:

    python3 translations/english-plurals.py translations/es-inspector_en.ts
"""
import re
import sys
import xml.etree.ElementTree as ET


def forms(source):
    # "match(es)" and "entry/entries" do not occur; "(s)" is the only plural marker used.
    return source.replace("(s)", ""), source.replace("(s)", "s")


def main(path):
    tree = ET.parse(path)
    changed = 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source")
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for text in forms(source):
            form = ET.SubElement(translation, "numerusform")
            form.text = text
        translation.attrib.pop("type", None)
        changed += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    # lupdate writes <!DOCTYPE TS>; ElementTree drops it.
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^(<\?xml[^>]*\?>)\n?", r"\1\n<!DOCTYPE TS>\n", text, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    print(f"{path}: {changed} plural messages")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "translations/es-inspector_en.ts")
