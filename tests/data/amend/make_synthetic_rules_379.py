"""Writes synthetic_rules_379.xml: a SYNTHETIC base shaped like the Rules approved by order 379.

The real text of those Rules is not in the corpus (only the wordings order 308 gave them), so
this file invents one, clearly marked "синтетикалық" in every paragraph, with the structure
order 308 addresses: clauses 1-35 of the Rules (appendix 1 of the order), the subclauses,
parts and indents its instructions name, and the Rules' own appendices 1-5. Run it from the
repository root to regenerate the file: python tests/data/amend/make_synthetic_rules_379.py
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from lawdiff.model import xmlio
from lawdiff.model.ids import eid

OUT = Path(__file__).with_name("synthetic_rules_379.xml")
S = " (синтетикалық)"


def sub(parent, tag, path, num=None, text=None):
    el = etree.SubElement(parent, tag, eId=eid(path))
    if num is not None:
        el.set("num", str(num))
    if text is not None:
        el.text = text
    return el


def paras(parent, path, texts):
    for i, t in enumerate(texts, 1):
        sub(parent, "p", path + [("indent", str(i))], text=t)


def parts(parent, path, groups):
    """groups: list of lists of paragraph texts, one list per part."""
    for i, texts in enumerate(groups, 1):
        ppath = path + [("part", str(i))]
        part = sub(parent, "part", ppath)
        paras(part, ppath, texts)


def simple_parts(label, n, last_end="."):
    out = [[f"{label}: {k}-бөлік{S}."] for k in range(1, n + 1)]
    out[-1][-1] = out[-1][-1][:-1] + last_end
    return out


def list_part(label, n_items, last_end="."):
    items = [f"{label}: {k}-тармақ{S};" for k in range(1, n_items + 1)]
    items[-1] = items[-1][:-1] + last_end
    return [f"{label}: құжаттар тізбесі{S}:"] + items


def build() -> etree._Element:
    act = etree.Element("act", id="kz/mlsp/order/2018/379", lang="kk")
    meta = etree.SubElement(act, "meta")
    etree.SubElement(meta, "type").text = "order"
    etree.SubElement(meta, "issuer", code="mlsp").text = "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің"
    etree.SubElement(meta, "number").text = "379"
    etree.SubElement(meta, "date").text = "2018-08-29"
    etree.SubElement(meta, "title").text = ("СИНТЕТИКАЛЫҚ ТЕСТ НЕГІЗІ: Арнаулы әлеуметтік қызметтер көрсететін "
                                            "ұйымдар қызметінің қағидаларын бекіту туралы")
    etree.SubElement(meta, "registration", number="17467", date="2018-10-02")
    etree.SubElement(meta, "coverage", complete="true").text = (
        "SYNTHETIC test base shaped like the Rules approved by order 379 (clauses 1-35, the units order 308 "
        "amends, appendices 1-5). Not the real text: every paragraph is invented and marked 'синтетикалық'.")
    life = etree.SubElement(act, "lifecycle")
    etree.SubElement(life, "event", kind="adopted", date="2018-08-29", origin="text",
                     source="Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің 2018 жылғы 29 тамыздағы № 379 бұйрығы.")
    etree.SubElement(life, "event", kind="entry-into-force", date="2018-10-20", origin="user",
                     source="synthetic test fact: a fixed entry into force for the synthetic base")
    etree.SubElement(life, "event", kind="repealed", date="2023-07-01", by="kz/mlsp/order/2023/230", origin="note",
                     source="Ескерту. Күші жойылды – ҚР Премьер-Министрінің орынбасары - Еңбек және халықты әлеуметтік "
                            "қорғау министрінің 22.06.2023 № 230 (01.07.2023 бастап қолданысқа енгізіледі) бұйрығымен.")
    body = etree.SubElement(act, "body")
    etree.SubElement(body, "title", eId="title").text = "Арнаулы әлеуметтік қызметтер көрсететін ұйымдар қызметінің қағидаларын бекіту туралы"
    c1 = sub(body, "clause", [("clause", "1")], 1)
    paras(c1, [("clause", "1")], ["Осы бұйрыққа қосымшаға сәйкес Арнаулы әлеуметтік қызметтер көрсететін ұйымдар "
                                  "қызметінің қағидалары бекітілсін" + S + "."])

    app = [("appendix", "1")]
    rules = sub(act, "appendix", app, 1)
    etree.SubElement(rules, "mark").text = "Бұйрыққа қосымша" + S
    etree.SubElement(rules, "heading").text = "Арнаулы әлеуметтік қызметтер көрсететін ұйымдар қызметінің қағидалары" + S

    def clause(n):
        path = app + [("clause", str(n))]
        return sub(rules, "clause", path, n), path

    def subclause(parent, path, n):
        spath = path + [("subclause", str(n))]
        return sub(parent, "subclause", spath, n), spath

    for n in range(1, 36):
        el, path = clause(n)
        if n == 2:
            p1 = path + [("part", "1")]
            part1 = sub(el, "part", p1)
            paras(part1, p1, [f"Арнаулы әлеуметтік қызметтер мынадай адамдарға көрсетіледі{S}:"])
            for k in range(1, 8):
                s, spath = subclause(part1, p1, k)
                paras(s, spath, [f"{k}-санаттағы адамдарға{S}" + (";" if k < 7 else ".")])
            p2 = path + [("part", "2")]
            paras(sub(el, "part", p2), p2, [f"2-тармақтың екінші бөлігі{S}."])
        elif n == 5:
            paras(el, path, [f"Мынадай бөлімшелер құрылады{S}:", f"бірінші бөлімше{S};", f"екінші бөлімше{S};",
                             f"үшінші бөлімше{S};", f"төртінші бөлімше{S}."])
        elif n == 6:
            paras(el, path, [f"Стационарлық үлгідегі ұйымдарға мыналар қабылданады{S}:"])
            for k in range(1, 7):
                s, spath = subclause(el, path, k)
                if k == 5:
                    parts(s, spath, [[f"бесінші санаттағы адамдар{S}."],
                                     [f"Тұруға қарсы көрсетілімдер{S}:", f"бірінші көрсетілім{S};",
                                      f"екінші көрсетілім{S};"]])
                else:
                    paras(s, spath, [f"6-тармақтың {k}) тармақшасы{S}" + (";" if k < 6 else ".")])
        elif n in (11, 21, 26):
            paras(el, path, [f"{n}-тармақтың кіріспесі{S}:"])
            shape = {11: (8, 6, 3), 21: (7, 4, 2), 26: (7, 4, 4)}[n]
            for k, count in enumerate(shape, 1):
                s, spath = subclause(el, path, k)
                end = "." if k == 3 else ";"
                if k == 2:
                    groups = simple_parts(f"{n}.2)", count, end)
                    groups[2] = list_part(f"{n}.2) 3-бөлік", 10 if n == 11 else 9)
                    parts(s, spath, groups)
                else:
                    parts(s, spath, simple_parts(f"{n}.{k})", count, end))
        elif n == 13:
            paras(el, path, [f"Жартылай стационарлық үлгідегі ұйымдар мынадай адамдарға арналған{S}:"])
            for k in range(1, 5):
                s, spath = subclause(el, path, k)
                if k == 2:
                    parts(s, spath, [[f"13.2) бірінші бөлік{S}."],
                                     [f"13.2) тұру шарттары{S}:", f"бірінші шарт{S};", f"екінші шарт{S}."]])
                elif k == 4:
                    parts(s, spath, [[f"13.4) бірінші бөлік{S}."], [f"13.4) екінші бөлік{S}."]])
                else:
                    paras(s, spath, [f"13-тармақтың {k}) тармақшасы{S};"])
        elif n == 23:
            paras(el, path, [f"Үйде қызмет көрсету мынадай адамдарға арналған{S}:"])
            for k in range(1, 5):
                s, spath = subclause(el, path, k)
                paras(s, spath, [f"23-тармақтың {k}) тармақшасы{S}" + (";" if k < 4 else ".")])
        elif n == 35:
            paras(el, path, [f"Уақытша болу ұйымында мынадай құжаттар жүргізіледі{S}:"])
            s, spath = subclause(el, path, 1)
            paras(s, spath, [f"35-тармақтың 1) тармақшасы{S};"])
            s, spath = subclause(el, path, 2)
            parts(s, spath, simple_parts("35.2)", 2, ";"))
            s, spath = subclause(el, path, 3)
            parts(s, spath, simple_parts("35.3)", 4, "."))
        else:
            paras(el, path, [f"{n}-тармақтың синтетикалық мәтіні."])

    for n in range(1, 6):
        apath = app + [("appendix", str(n))]
        a = sub(rules, "appendix", apath, n)
        etree.SubElement(a, "mark").text = f"Қағидаларға {n}-қосымша{S}"
        paras(a, apath, [f"{n}-қосымшаның синтетикалық мәтіні."])
    return act


if __name__ == "__main__":
    root = build()
    data = xmlio.serialise(root)
    xmlio.check_valid(xmlio.parse_bytes(data))
    OUT.write_bytes(data)
    print(f"wrote {OUT}")
