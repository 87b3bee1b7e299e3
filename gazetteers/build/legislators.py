#!/usr/bin/env python3
"""US people with Wikidata ids, from the unitedstates/congress-legislators data (CC0).

Writes gazetteers/people_us_congress.tsv: the members of the current US Congress
(legislators-current.yaml) and the presidents and vice presidents of executive.yaml that carry
a Wikidata id, each with that id (QID) in the sixth column. A person already in the hand-kept
people.tsv (matched by name) gets no second row: the QID goes into the sixth column of the
people.tsv row instead, whose id stays as it is. build.py runs this step; on its own:

    python3 gazetteers/build/legislators.py [--source PATH]

The data are read at the pinned commit LEGISLATORS_COMMIT, from PATH, the environment variable
WHOSAID_LEGISLATORS, or DEFAULT_SOURCE, in that order. PATH is a git clone (bare or not) that
holds the commit, or a folder with the two YAML files (then read as they are). To get the data:

    git clone https://github.com/unitedstates/congress-legislators
    git -C congress-legislators checkout dfa9622263dd4c8d08636926e498f1845704d7eb
    WHOSAID_LEGISLATORS=congress-legislators python3 gazetteers/build/build.py

Only the standard library and PyYAML (pinned in build.py) are used.
"""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys

import build

LEGISLATORS_URL = 'https://github.com/unitedstates/congress-legislators'
LEGISLATORS_COMMIT = 'dfa9622263dd4c8d08636926e498f1845704d7eb'
LEGISLATORS_DATE = '2026-06-15'
DEFAULT_SOURCE = '/work/.mirror/unitedstates+congress-legislators/repo'
SOURCE_ENV = 'WHOSAID_LEGISLATORS'
FILES = ['legislators-current.yaml', 'executive.yaml']
OUT = 'people_us_congress.tsv'
HAND_PEOPLE = 'people.tsv'
QID_RE = re.compile(r'^Q[1-9][0-9]*$')

# Places a member of the House may represent besides the states (the states' names come from
# the two-letter codes below).
STATES = {
    'AL': 'Alabama', 'AK': 'Alaska', 'AZ': 'Arizona', 'AR': 'Arkansas', 'CA': 'California',
    'CO': 'Colorado', 'CT': 'Connecticut', 'DE': 'Delaware', 'FL': 'Florida', 'GA': 'Georgia',
    'HI': 'Hawaii', 'ID': 'Idaho', 'IL': 'Illinois', 'IN': 'Indiana', 'IA': 'Iowa', 'KS': 'Kansas',
    'KY': 'Kentucky', 'LA': 'Louisiana', 'ME': 'Maine', 'MD': 'Maryland', 'MA': 'Massachusetts',
    'MI': 'Michigan', 'MN': 'Minnesota', 'MS': 'Mississippi', 'MO': 'Missouri', 'MT': 'Montana',
    'NE': 'Nebraska', 'NV': 'Nevada', 'NH': 'New Hampshire', 'NJ': 'New Jersey', 'NM': 'New Mexico',
    'NY': 'New York', 'NC': 'North Carolina', 'ND': 'North Dakota', 'OH': 'Ohio', 'OK': 'Oklahoma',
    'OR': 'Oregon', 'PA': 'Pennsylvania', 'RI': 'Rhode Island', 'SC': 'South Carolina',
    'SD': 'South Dakota', 'TN': 'Tennessee', 'TX': 'Texas', 'UT': 'Utah', 'VT': 'Vermont',
    'VA': 'Virginia', 'WA': 'Washington', 'WV': 'West Virginia', 'WI': 'Wisconsin', 'WY': 'Wyoming',
}
# Non-voting members of the House: delegates, and Puerto Rico's resident commissioner.
TERRITORIES = {
    'DC': 'the District of Columbia', 'PR': 'Puerto Rico', 'GU': 'Guam', 'VI': 'the U.S. Virgin Islands',
    'AS': 'American Samoa', 'MP': 'the Northern Mariana Islands',
}
EXECUTIVE_ROLES = {'prez': 'President of the United States', 'viceprez': 'Vice President of the United States'}


# --------------------------------------------------------------------------------------------
# reading the data

def source_path(arg: str | None = None) -> str:
    return arg or os.environ.get(SOURCE_ENV) or DEFAULT_SOURCE


def read_source(path: str) -> tuple[dict[str, str], str]:
    """The text of each of FILES, and a note saying where it came from. From the pinned
    commit when `path` is a git repository that has it, else the files in `path` as they are."""
    how = ('get the data with\n'
           f'  git clone {LEGISLATORS_URL}\n'
           f'  git -C congress-legislators checkout {LEGISLATORS_COMMIT}\n'
           f'and pass its path with --source PATH or {SOURCE_ENV}=PATH')
    if not os.path.isdir(path):
        raise SystemExit(f'legislators: {path} is not a folder; {how}')
    has_commit = subprocess.run(['git', '-C', path, 'cat-file', '-e', f'{LEGISLATORS_COMMIT}^{{commit}}'],
                                capture_output=True).returncode == 0
    texts = {}
    if has_commit:
        for fn in FILES:
            r = subprocess.run(['git', '-C', path, 'show', f'{LEGISLATORS_COMMIT}:{fn}'], capture_output=True)
            if r.returncode != 0:
                raise SystemExit(f'legislators: {fn} is not in {path} at {LEGISLATORS_COMMIT}: '
                                 f'{r.stderr.decode(errors="replace").strip()}; {how}')
            texts[fn] = r.stdout.decode('utf-8')
        return texts, f'git {path} at {LEGISLATORS_COMMIT}'
    for fn in FILES:
        p = os.path.join(path, fn)
        if not os.path.isfile(p):
            raise SystemExit(f'legislators: no commit {LEGISLATORS_COMMIT} and no {fn} in {path}; {how}')
        with open(p, encoding='utf-8') as f:
            texts[fn] = f.read()
    print(f'legislators: WARNING: {path} is not a git repository holding {LEGISLATORS_COMMIT}; '
          'reading its files as they are (the output may differ from the committed one)', file=sys.stderr)
    return texts, f'files in {path}'


# --------------------------------------------------------------------------------------------
# names

_INITIAL = re.compile(r'^[A-Z]\.$')


def key(form: str) -> str:
    """A form compared as the pipeline groups mentions: no dots, lower case, ASCII, one space."""
    return ' '.join(build.ascii_fold(form).replace('.', '').lower().split())


def tidy(s: str) -> str:
    """Official names write a nickname in quotes and a comma before the suffix:
    'Henry C. "Hank" Johnson, Jr.' -> 'Henry C. Johnson Jr.'."""
    s = re.sub(r'\s*"[^"]*"', '', s)
    s = s.replace(', ', ' ')
    return build.clean_form(s)


def name_forms(n: dict) -> tuple[str, list[str]]:
    """The name news gives a person (nickname or first name, and last name) and the other forms
    of the name news uses: first and last, nickname and last, the official full name, first name
    with middle initial and last, each also with the suffix (Jr.), and ASCII spellings. Never the
    last name alone."""
    first = build.clean_form(n['first'])
    nickname = build.clean_form(n.get('nickname', ''))
    m = re.fullmatch(r'(.+?) \((.+)\)', first)   # "James (Jim)"
    if m:
        first, nickname = m.group(1), nickname or m.group(2)
    middle = build.clean_form(n.get('middle', ''))
    last = build.clean_form(n['last'])
    suffix = build.clean_form(n.get('suffix', ''))
    official = tidy(n.get('official_full', ''))
    given = first
    if _INITIAL.match(first) and middle:
        given = middle   # J. French Hill -> French Hill
    primary = f'{nickname or given} {last}'
    forms = [f'{given} {last}']
    if not _INITIAL.match(first):
        forms.append(f'{first} {last}')
    if nickname:
        forms.append(f'{nickname} {last}')
    if middle and not _INITIAL.match(first):
        initial = middle if _INITIAL.match(middle) else middle[0] + '.'
        if initial[0].isupper():
            forms.append(f'{first} {initial} {last}')
    if middle and _INITIAL.match(first):
        forms.append(f'{first} {middle} {last}')
    if official:
        forms.append(official)
    if suffix:
        forms += [f'{f} {suffix}' for f in [primary] + forms if f.endswith(last)]
    forms += [build.ascii_fold(f) for f in [primary] + forms]
    out, seen = [], {primary}
    for f in forms:
        f = build.clean_form(f)
        if f and f not in seen:
            seen.add(f)
            out.append(f)
    return primary, out


def legislator_role(term: dict) -> str:
    st = term['state']
    if term['type'] == 'sen':
        return f'U.S. Senator from {STATES[st]}'
    if st in STATES:
        return f'U.S. Representative from {STATES[st]}'
    if st == 'PR':
        return 'Resident Commissioner of Puerto Rico'
    return f'Delegate to the U.S. House from {TERRITORIES[st]}'


def people(texts: dict[str, str]) -> tuple[list[dict], collections.Counter]:
    """One record per person with a QID: legislators first, then the executive's presidents and
    vice presidents not already among them (by bioguide id or QID)."""
    import yaml
    stats = collections.Counter()
    out, seen_bio, seen_qid = [], set(), set()
    current = yaml.safe_load(texts['legislators-current.yaml'])
    stats['legislators-current.yaml entries'] = len(current)
    for p in current:
        qid = p['id'].get('wikidata')
        if not qid:
            stats['legislators without a Wikidata id (left out)'] += 1
            continue
        primary, forms = name_forms(p['name'])
        out.append({'qid': qid, 'bioguide': p['id'].get('bioguide'), 'name': primary, 'forms': forms,
                    'roles': [legislator_role(p['terms'][-1])], 'source': 'legislators-current.yaml'})
        seen_bio.add(p['id'].get('bioguide'))
        seen_qid.add(qid)
    executive = yaml.safe_load(texts['executive.yaml'])
    stats['executive.yaml entries'] = len(executive)
    by_bio = {r['bioguide']: r for r in out}
    for p in executive:
        qid, bio = p['id'].get('wikidata'), p['id'].get('bioguide')
        if not qid and bio in by_bio:
            qid = by_bio[bio]['qid']   # a legislator's QID, by bioguide id
        if not qid:
            stats['executive entries without a Wikidata id (left out)'] += 1
            continue
        if bio in seen_bio or qid in seen_qid:
            stats['executive entries already among the legislators'] += 1
            continue
        primary, forms = name_forms(p['name'])
        roles = []
        for t in p['terms']:
            r = EXECUTIVE_ROLES.get(t['type'])
            if r and r not in roles:
                roles.append(r)
        out.append({'qid': qid, 'bioguide': bio, 'name': primary, 'forms': forms, 'roles': roles,
                    'source': 'executive.yaml'})
        seen_qid.add(qid)
    for r in out:
        if not QID_RE.match(r['qid']):
            raise SystemExit(f'legislators: bad Wikidata id {r["qid"]!r} for {r["name"]}')
    return out, stats


# --------------------------------------------------------------------------------------------
# matching and collisions

def other_forms() -> tuple[dict[str, list[tuple[str, str]]], list[build.Row]]:
    """Every name and alias of the other gazetteer files: form -> [(file, id)]; and the rows
    of the hand-kept people.tsv."""
    forms = collections.defaultdict(list)
    hand_people = []
    for fn in sorted(f for f in os.listdir(build.GAZ) if f.endswith('.tsv') and f != OUT):
        for r in build.read_tsv(os.path.join(build.GAZ, fn)):
            for f in [r.name] + r.aliases:
                forms[f].append((fn, r.id))
            if fn == HAND_PEOPLE:
                hand_people.append(r)
    return forms, hand_people


def match_hand_kept(person: dict, hand_people: list[build.Row]) -> list[build.Row]:
    """The people.tsv rows that are this person: a form of the person's (compared as `key`
    does) is the row's name, or two forms are among the row's name and aliases. One shared
    form is not enough: "John Kennedy" is an alias of John F. Kennedy, and a senator."""
    mine = {key(f) for f in [person['name']] + person['forms']}
    hits = []
    for r in hand_people:
        if r.type != 'PERSON':
            continue
        theirs = {key(f) for f in [r.name] + r.aliases}
        if key(r.name) in mine or len(mine & theirs) >= 2:
            hits.append(r)
    return hits


def is_common_phrase(form: str, common: set[str], given: set[str]) -> bool:
    """The form reads as a phrase of ordinary words: every word is a common English word in
    lower case, and the first is not a given name ("French Hill"; not "Mark Warner", whose
    "Mark" is a name first)."""
    words = build.ascii_fold(form).replace('.', '').split()
    return words[0] not in given and all(w.lower() in common for w in words)


def read_lexicon(fn: str) -> set[str]:
    with open(os.path.join(build.LEX, fn), encoding='utf-8') as f:
        return {l.strip() for l in f if l.strip() and not l.startswith('#')}


# --------------------------------------------------------------------------------------------

def set_hand_kept_qids(qids: dict[str, str]) -> list[str]:
    """Writes the QIDs into the sixth column of the matched people.tsv rows; the rest of the
    file stays byte for byte. A row that already has another QID is a problem (not changed)."""
    path = os.path.join(build.GAZ, HAND_PEOPLE)
    problems, lines = [], []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    for n, line in enumerate(text.split('\n'), 1):
        cols = line.split('\t')
        if not line.startswith('#') and len(cols) in (5, 6) and cols[0] in qids:
            q = qids[cols[0]]
            if len(cols) == 6 and cols[5] not in ('', q):
                problems.append(f'{HAND_PEOPLE}:{n}: wikidata {cols[5]} of {cols[0]}, the data say {q}')
            else:
                line = '\t'.join(cols[:5] + [q])
        lines.append(line)
    new = '\n'.join(lines)
    if new != text:
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write(new)
    return problems


def run(source: str | None = None) -> int:
    """Builds people_us_congress.tsv and the QIDs of people.tsv; returns the number of problems."""
    texts, where = read_source(source_path(source))
    print(f'legislators: reading {where}', file=sys.stderr)
    persons, stats = people(texts)
    forms, hand_people = other_forms()
    common, given = read_lexicon('common_words.txt'), read_lexicon('given_names.txt')
    exclude = {r[0]: r[1] for r in build.read_curated('people_us_exclude.tsv')}
    used_ids = {i for owners in forms.values() for _, i in owners}

    # Forms two people of the data share are nobody's.
    owners = collections.Counter()
    for p in persons:
        for f in {p['name']} | set(p['forms']):
            owners[f] += 1

    hand_qids, rows, notes, problems = {}, [], [], []
    for p in persons:
        hits = match_hand_kept(p, hand_people)
        if len(hits) > 1:
            problems.append(f'{p["name"]} ({p["qid"]}) matches {len(hits)} rows of {HAND_PEOPLE}: '
                            + ', '.join(h.id for h in hits))
            continue
        if hits:
            hand_qids[hits[0].id] = p['qid']
            stats['QID added to an existing people.tsv row'] += 1
            continue
        name = p['name']
        why = None
        if name in exclude:
            why = f'a namesake is meant as often ({exclude[name]}; build/curated/people_us_exclude.tsv)'
        elif forms.get(name):
            why = 'name is a form of ' + ', '.join(sorted({i for _, i in forms[name]}))
        elif owners[name] > 1:
            why = 'name shared with another person of the data'
        elif is_common_phrase(name, common, given):
            why = 'name is a phrase of common words'
        elif build.alias_problem('', name, common) or not build.is_surface_form(name):
            why = 'name is not a usable form'
        if why:
            notes.append(f'{name} ({p["qid"]}): {why}')
            stats['left out'] += 1
            continue
        aliases = []
        for a in p['forms']:
            if forms.get(a):
                notes.append(f'alias {a} of {name}: a form of ' + ', '.join(sorted({i for _, i in forms[a]})))
            elif owners[a] > 1:
                notes.append(f'alias {a} of {name}: shared with another person of the data')
            elif is_common_phrase(a, common, given):
                notes.append(f'alias {a} of {name}: a phrase of common words')
            else:
                aliases.append(a)
                continue
            stats['aliases left out'] += 1
        rid = 'person:' + build.slug(name)
        if rid in used_ids:
            rid = f'{rid}-{build.slug(p["roles"][0])}'
        if rid in used_ids:
            problems.append(f'{name} ({p["qid"]}): id {rid} is taken')
            continue
        used_ids.add(rid)
        rows.append(build.Row(rid, 'PERSON', name, build.norm_aliases(name, aliases), p['roles'], p['qid']))
        stats[f'rows from {p["source"]}'] += 1

    problems += set_hand_kept_qids(hand_qids)
    lines = [
        f'{OUT} -- GENERATED by gazetteers/build/build.py (build/legislators.py); do not edit.',
        f'Source: {LEGISLATORS_URL} at commit {LEGISLATORS_COMMIT} ({LEGISLATORS_DATE}),',
        'files ' + ' and '.join(FILES) + '; licence CC0 1.0 (public domain dedication).',
        'The members of the current US Congress and the presidents and vice presidents the data give a',
        'Wikidata id; wikidata = that id. name = nickname (else first name) and last name; aliases = first and',
        'last name, official full name, first name with middle initial, with the suffix (Jr.), ASCII spellings;',
        'never the last name alone. People already in people.tsv are not repeated here: their QID is in the',
        'sixth column of their people.tsv row. A person whose name is another entity\'s name or alias, or a',
        'phrase of common words, is left out; so is an alias of that kind; and so are the namesakes listed in',
        'build/curated/people_us_exclude.tsv.',
        'legislators-historical.yaml (people who have left Congress) is not read.',
    ]
    lines += [f'{k}: {n}' for k, n in sorted(stats.items())]
    lines += [f'rows: {len(rows)}'] + ['left out:'] + ['  ' + n for n in sorted(notes)]
    build.write_tsv(OUT, lines, rows)
    print(f'{HAND_PEOPLE}: QIDs for {len(hand_qids)} rows', file=sys.stderr)
    for p in problems:
        print('PROBLEM:', p, file=sys.stderr)
    return len(problems)


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--source', help=f'congress-legislators clone or folder (default: ${SOURCE_ENV}, '
                                     f'else {DEFAULT_SOURCE})')
    a = ap.parse_args()
    build.ensure_deps()
    if run(a.source):
        return 1
    problems = build.validate()
    for p in problems:
        print('PROBLEM:', p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
