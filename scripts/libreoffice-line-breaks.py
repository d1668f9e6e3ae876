#!/usr/bin/python3
"""Where LibreOffice breaks a line between two characters, in Chinese and in Latin text.

Writes test/fixtures/libreoffice-line-breaks.json, which
test/render/pdf-linebreak-libreoffice.test.ts holds xxgk's PDF line breaker
(src/render/pdf/breaking.ts) against. Writer asks its break iterator in the
language of the last letter or digit before the character that overflows a
line (sw/source/core/text/guess.cxx): zh-CN in Chinese text, en-US (the DOCX's
Latin language) in digits and Latin letters. For every pair of characters a
report uses, in the text 中文<a><b>中文, this asks the break iterator whether a
line that overflows at <b> may break before it, with the 避头尾 lists Writer
passes for zh-CN, hanging punctuation off (w:overflowPunct, see
src/render/docx/styles.ts).

Run with the python that has LibreOffice's UNO bridge (python3-uno):
  /usr/bin/python3 scripts/libreoffice-line-breaks.py
"""
import json
import os
import subprocess
import tempfile
import time

import uno
from com.sun.star.i18n import LineBreakHyphenationOptions, LineBreakUserOptions
from com.sun.star.lang import Locale

CHARS = list(dict.fromkeys(
    ['中', 'A', 'a', '1', '，', '。', '、', '；', '：', '？', '！', '（', '）', '《', '》', '〔', '〕', '【', '】',
     '“', '”', '‘', '’', '%', '％', '.', '/', '-', '—', '…', '·', ' ', '(', ')', ':', ',', '@', '_', '〈', '〉',
     '℃', '　', '+', '~', '～', '"', "'"]))
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'libreoffice-line-breaks.json')


def main():
    profile = tempfile.mkdtemp(prefix='xxgk-lo-breaks-')
    pipe = 'xxgk_breaks_%d' % os.getpid()
    office = subprocess.Popen(['soffice', '--headless', '--norestore', '-env:UserInstallation=file://' + profile,
                               '--accept=pipe,name=%s;urp;' % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        for _ in range(240):
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit('soffice did not answer')
        smgr = ctx.ServiceManager
        breaker = smgr.createInstanceWithContext('com.sun.star.i18n.BreakIterator', ctx)
        zh = Locale('zh', 'CN', '')
        forbidden = smgr.createInstanceWithContext('com.sun.star.i18n.LocaleData', ctx).getForbiddenCharacters(zh)
        options = LineBreakUserOptions()
        options.forbiddenBeginCharacters = forbidden.beginLine
        options.forbiddenEndCharacters = forbidden.endLine
        options.applyForbiddenRules = True
        options.allowPunctuationOutsideMargin = False
        options.allowHyphenateEnglish = False
        result = {'version': office_version(), 'chars': ''.join(CHARS), 'breaks': {}}
        for name, locale in (('zh', zh), ('latin', Locale('en', 'US', ''))):
            pairs = []
            for a in CHARS:
                for b in CHARS:
                    text = '中文' + a + b + '中文'
                    if breaker.getLineBreak(text, 3, locale, 0, LineBreakHyphenationOptions(), options).breakIndex == 3:
                        pairs.append(a + b)
            result['breaks'][name] = pairs
        with open(OUT, 'w', encoding='utf-8') as out:
            json.dump(result, out, ensure_ascii=False, indent=1)
            out.write('\n')
        try:
            smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx).terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


def office_version():
    return subprocess.run(['soffice', '--version'], capture_output=True, text=True).stdout.strip()


if __name__ == '__main__':
    main()
