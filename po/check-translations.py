#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every translation in po/LINGUAS is complete for the current sources.

1. po/POTFILES.in lists every source file with translatable strings (and
   only files that exist).
2. A fresh template is extracted from the sources into a temporary folder,
   with the xgettext arguments of meson's i18n.gettext(preset: 'glib'), and
   xgettext must not warn (a warning usually means a string that can never
   be translated, such as one built with G_GINT64_FORMAT inside _()).
3. Each po/LL.po is merged with that template (in the temporary folder: the
   source tree is not touched); any untranslated or fuzzy message fails.
4. Each po/LL.po passes msgfmt --check --check-accelerators.

Usage: check-translations.py [SOURCE_ROOT]   (default: the parent of po/)
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib'): mesonbuild/modules/i18n.py PRESET_ARGS.
GLIB_PRESET_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]
PACKAGE = 'rehearse'

C_CALL = re.compile(r'(?<![\w.>])(?:_|N_|C_|NC_|Q_|gettext|ngettext|g_dgettext|g_dngettext|'
                    r'g_dcgettext|g_dpgettext|g_dpgettext2|pgettext)\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
GSCHEMA_TEXT = re.compile(r'<(?:summary|description)\b')

failures = []


def fail(message):
    failures.append(message)
    print('FAIL: ' + message)


def tool(name):
    path = shutil.which(name)
    if path is None:
        print('SKIP: %s is not installed' % name)
        sys.exit(77)
    return path


def read_list(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def strip_c_comments(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def needs_translation(root, rel):
    """Whether the file at root/rel holds strings for the template."""
    path = os.path.join(root, rel)
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    name = os.path.basename(rel)
    if name.endswith(('.c', '.h')):
        return C_CALL.search(strip_c_comments(text)) is not None
    if name.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    if '.gschema.xml' in name:
        return GSCHEMA_TEXT.search(text) is not None
    # Desktop entries and AppStream metainfo are translated by merge_file.
    return re.search(r'\.(desktop|metainfo\.xml|appdata\.xml)\.in', name) is not None


def candidates(root):
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if top == 'src' and name.endswith(('.c', '.h', '.ui')):
                    yield rel
                elif top == 'data' and (name.endswith('.ui') or '.gschema.xml' in name
                                        or re.search(r'\.(desktop|metainfo\.xml|appdata\.xml)\.in', name)):
                    yield rel


def check_potfiles(root):
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            fail('po/POTFILES.in lists %s, which does not exist' % rel)
    missing = [rel for rel in candidates(root)
               if rel not in listed and rel not in skipped and needs_translation(root, rel)]
    for rel in missing:
        fail('%s has translatable strings but is not in po/POTFILES.in' % rel)
    if listed != sorted(listed):
        print('note: po/POTFILES.in is not sorted')
    return listed


def extract(root, tmp):
    pot = os.path.join(tmp, PACKAGE + '.pot')
    # As meson --internal gettext pot does, but into the temporary folder.
    cmd = [tool('xgettext'), '--package-name=' + PACKAGE, '-p', tmp,
           '-f', os.path.join(root, 'po', 'POTFILES.in'), '-D', root, '-k_',
           '-o', os.path.basename(pot)] + GLIB_PRESET_ARGS
    result = subprocess.run(cmd, capture_output=True, text=True)
    for line in result.stderr.splitlines():
        if line.strip():
            fail('xgettext: ' + line)
    if result.returncode != 0 or not os.path.exists(pot):
        fail('xgettext exited with status %d' % result.returncode)
        return None
    return pot


def entries(po_text):
    """(msgctxt, msgid) of each entry of msgattrib's output, header left out."""
    out = []
    for block in re.split(r'\n\s*\n', po_text):
        lines = [l for l in block.splitlines() if not l.startswith('#')]
        fields, current = {}, None
        for line in lines:
            m = re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                current = m.group(1)
                fields[current] = ast.literal_eval(m.group(2))
            elif current and line.startswith('"'):
                fields[current] += ast.literal_eval(line)
        if fields.get('msgid'):
            out.append((fields.get('msgctxt'), fields['msgid']))
    return out


def describe(ctx, msgid):
    text = msgid if len(msgid) <= 70 else msgid[:67] + '...'
    text = text.replace('\n', '\\n')
    return ('[%s] "%s"' % (ctx, text)) if ctx else '"%s"' % text


def statistics(po):
    result = subprocess.run([tool('msgfmt'), '--statistics', '-o', os.devnull, po],
                            capture_output=True, text=True)
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for n, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated) (?:message|translation)', result.stderr):
        counts[kind] = int(n)
    return counts


def check_language(root, tmp, pot, lang):
    po = os.path.join(root, 'po', lang + '.po')
    if not os.path.exists(po):
        fail('%s: po/%s.po is missing' % (lang, lang))
        return
    merged = os.path.join(tmp, lang + '.po')
    result = subprocess.run([tool('msgmerge'), '--quiet', '--previous', '-o', merged, po, pot],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail('%s: msgmerge failed: %s' % (lang, result.stderr.strip()))
        return

    msgattrib = tool('msgattrib')
    for kind, flag in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
        out = subprocess.run([msgattrib, flag, '--no-obsolete', merged],
                             capture_output=True, text=True).stdout
        for ctx, msgid in entries(out):
            fail('%s: %s: %s' % (lang, kind, describe(ctx, msgid)))

    obsolete = subprocess.run([msgattrib, '--only-obsolete', po],
                              capture_output=True, text=True).stdout
    n_obsolete = len(re.findall(r'^#~ msgid ', obsolete, flags=re.M))

    counts = statistics(merged)
    total = sum(counts.values())
    line = '%s: %d/%d translated' % (lang, counts['translated'], total)
    if counts['fuzzy']:
        line += ', %d fuzzy' % counts['fuzzy']
    if counts['untranslated']:
        line += ', %d untranslated' % counts['untranslated']
    if n_obsolete:
        line += ' (po/%s.po has %d obsolete entries: run msgmerge -U)' % (lang, n_obsolete)
    print(line)

    # The file as it is built: format strings, plural header, accelerators.
    result = subprocess.run([tool('msgfmt'), '--check', '--check-accelerators=_',
                             '-o', os.devnull, po], capture_output=True, text=True)
    if result.returncode != 0:
        for l in result.stderr.splitlines():
            fail('%s: msgfmt: %s' % (lang, l))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(here)
    linguas = read_list(os.path.join(root, 'po', 'LINGUAS'))
    languages = [w for line in linguas for w in line.split()]

    check_potfiles(root)
    with tempfile.TemporaryDirectory(prefix='rehearse-po-') as tmp:
        pot = extract(root, tmp)
        if pot is not None:
            n = len(entries(open(pot, encoding='utf-8').read()))
            print('template: %d messages from %d files' % (n, len(read_list(os.path.join(root, 'po', 'POTFILES.in')))))
            if not languages:
                fail('po/LINGUAS names no language')
            for lang in languages:
                check_language(root, tmp, pot, lang)

    if failures:
        print('%d problem(s): add the strings to every po/LL.po (msgmerge -U po/LL.po po/rehearse.pot '
              'after ninja rehearse-pot), translate them and remove the fuzzy flags' % len(failures))
        return 1
    print('all %d languages complete' % len(languages))
    return 0


if __name__ == '__main__':
    sys.exit(main())
