#!/usr/bin/env python3
"""Judges the queries of judged.json against the shared reference files.

Each query carries a rule written from a helper's point of view (what a
helper typing these words expects to be shown), applied to the records'
published fields: the standard's services (v0.1 labels mapped as the
changelog says), typologie, publics, national labels (the Conseillers
numériques programme's « France Services » excepted: see records), commune, postal code,
name and presentation, the modalities of support (modalites_accompagnement),
whether a place publishes its accessibility (accessibilite, an Acceslibre
record) or an online booking link (prise_rdv), and for communes the official commune reference
(models/commune: a postal code of one commune only places a record in it).
The rules never look at Carnet's index or thesaurus.
Run from the repository root:  python3 models/search/relevance/testdata/judge.py
It rewrites judged.json's "relevant" lists; review the diff by reading records.
"""
import json, re, unicodedata, glob, os, gzip

REF = '../shared/reference'
FS_NAME = re.compile(r'france ?services?|\bmsap\b|maison (de )?services? au public')
def fold(s):
    s = unicodedata.normalize('NFD', (s or '').lower())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return re.sub('[^a-z0-9]+', ' ', s).strip()

V01 = {  # v0.1 services → v1 themes (descriptif-des-evolutions)
    'prendre en main un smartphone ou une tablette': 'E', 'prendre en main un ordinateur': 'E',
    'utiliser le numerique au quotidien': 'E', 'approfondir ma culture numerique': 'U',
}
V1 = {'aide aux demarches administratives': 'A', 'maitrise des outils numeriques du quotidien': 'E',
      'insertion professionnelle via le numerique': 'P', 'utilisation securisee du numerique': 'S',
      'parentalite et education avec le numerique': 'Pa', 'loisirs et creations numeriques': 'L',
      'comprehension du monde numerique': 'U', 'acces internet et materiel informatique': 'I',
      'acquisition de materiel informatique a prix solidaire': 'Eq'}

def records():
    for f in sorted(glob.glob(REF + '/data/*.json')) + sorted(glob.glob(REF + '/second-source/*.json')):
        for r in json.load(open(f)):
            themes = set()
            for part in re.split(r'[|;]|, ', r.get('services') or ''):
                k = fold(part)
                if k in V1: themes.add(V1[k])
                if k in V01: themes.add(V01[k])
            r['_themes'] = themes
            r['_typ'] = set((r.get('typologie') or '').split('|')) - {''}
            r['_text'] = fold(' '.join(str(r.get(k) or '') for k in ('nom', 'presentation_resume', 'presentation_detail')))
            r['_name'] = fold(r.get('nom'))
            r['_labels'] = fold(' '.join(str(r.get(k) or '') for k in ('labels_nationaux', 'dispositif_programmes_nationaux', 'formations_labels')))
            if r.get('source') == 'conseiller-numerique' and not FS_NAME.search(fold(r.get('nom'))):
                # The programme's « France Services » is its own name
                # (« Conseiller numérique France Services »), written on the
                # adviser's every permanence: a library, a Maison pour tous.
                # It says the programme, not that the place is a France
                # Services, nor does the RFS typology an aggregator derived
                # from it; the place's name may (FS_NAME).
                r['_labels'] = re.sub(r'\bfrance services\b', ' ', r['_labels'])
                r['_typ'] -= {'RFS'}
            r['_publics'] = fold(' '.join(str(r.get(k) or '') for k in ('publics_accueillis', 'publics_specifiquement_adresses', 'prise_en_charge_specifique')))
            r['_commune'] = fold(r.get('commune')).replace('st ', 'saint ')
            r['_cp'] = (r.get('code_postal') or '').replace(' ', '').zfill(5)
            r['_address'] = fold(r.get('adresse'))
            r['_days'] = open_days(r.get('horaires'))
            r['_hours'] = open_hours(r.get('horaires'))
            r['_fees'] = fold(' '.join(str(r.get(k) or '') for k in ('frais_a_charge', 'conditions_acces', 'conditions_access')))
            r['_modes'] = fold(' | '.join(re.split(r'[|;]', r.get('modalites_accompagnement') or '')))
            r['_access'] = bool((r.get('accessibilite') or '').strip())
            r['_rdv'] = bool((r.get('prise_rdv') or '').strip())
            yield r

# The official commune reference (INSEE COG and La Poste postal codes, as
# embedded in models/commune): a postal code that belongs to one commune only
# places a record in it whatever the producer wrote as its commune (« MARSEILLE
# 6 », « La Seyne », « MONTFAVET » for Avignon). Names of arrondissements
# count as their city's.
CITY_NAMES, PC_CITIES = {}, {}
with gzip.open(os.path.join(os.path.dirname(__file__), '../../../commune/communes.tsv.gz'), 'rt') as f:
    for line in f:
        c = line.rstrip('\n').split('\t')
        if c[0] not in ('C', 'A'):
            continue
        city = c[3] or c[1]
        if c[0] == 'C':
            CITY_NAMES.setdefault(fold(c[2]).replace('st ', 'saint '), set()).add(city)
        for pc in re.split('[ ,]+', c[9]):
            if pc:
                PC_CITIES.setdefault(pc, set()).add(city)

def in_commune(r, names):
    if r['_commune'] in names:
        return True
    cities = PC_CITIES.get(r['_cp'], set())
    return len(cities) == 1 and any(cities <= CITY_NAMES.get(n, set()) for n in names)

DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']

def rules(hours):
    """Each rule of an OpenStreetMap opening_hours value (« Mo-Fr 09:00-12:00;
    Sa 09:00-12:00; We off ») that leads with day selectors (ranges and lists):
    (the days it names, the rest of the rule)."""
    for part in (hours or '').split(';'):
        m = re.match(r'\s*((?:(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?,?)+)\s*(.*)', part)
        if not m:
            continue
        sel = set()
        for item in m.group(1).strip(',').split(','):
            a, _, b = item.partition('-')
            i, k = DAYS.index(a), DAYS.index(b or a)
            sel |= {DAYS[(i + n) % 7] for n in range((k - i) % 7 + 1)}
        yield sel, m.group(2)

def open_days(hours):
    """The days an opening_hours value opens on: each rule's days, with a time
    → open, with « off »/« closed » → not."""
    days = set()
    for sel, rest in rules(hours):
        if re.match(r'(off|closed)\b', rest):
            days -= sel
        elif re.search(r'\d\d?[:h]\d\d', rest):
            days |= sel
    return days

def minutes(t):
    h, _, m = re.sub('[h:]', ':', t).partition(':')
    return int(h) * 60 + int(m or 0)

def open_hours(hours):
    """The times an opening_hours value opens at, day by day: {day: [(from, to)
    in minutes]}; a later rule naming a day replaces what an earlier one said
    of it (OpenStreetMap's own reading), « off » closes it."""
    out = {}
    for sel, rest in rules(hours):
        spans = [(minutes(a), minutes(b)) for a, b in re.findall(r'(\d\d?(?:[:h]\d\d)?h?)\s*-\s*(\d\d?(?:[:h]\d\d)?h?)', rest)
                 if re.match(r'\d', a)] if not re.match(r'(off|closed)\b', rest) else []
        for d in sel:
            out[d] = spans
    return out

def joined(spans):
    """Spans that meet (« 10:00-13:00,13:00-18:00 ») are one: a place so
    written is open through 13:00."""
    out = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out

def open_at(r, spec):
    """spec: {days, from, to, cover}: open on one of the days at some time
    between from and to (cover: for the whole of from–to)."""
    lo, hi = minutes(spec['from']), minutes(spec['to'])
    for d in spec.get('days') or DAYS:
        for a, b in joined(r['_hours'].get(d, [])):
            if spec.get('cover') and a <= lo and b >= hi: return True
            if not spec.get('cover') and a < hi and b > lo: return True
    return False

def rule(spec):
    """A rule is a dict of alternatives; a record is relevant when one holds."""
    def ok(r):
        t = spec.get
        if t('themes') and r['_themes'] & set(t('themes')): return True
        if t('typ') and r['_typ'] & set(t('typ')): return True
        if t('text') and any(re.search(p, r['_text']) for p in t('text')): return True
        if t('name') and any(re.search(p, r['_name']) for p in t('name')): return True
        if t('labels') and any(re.search(p, r['_labels']) for p in t('labels')): return True
        if t('publics') and any(re.search(p, r['_publics']) for p in t('publics')): return True
        if t('fees') and any(re.search(p, r['_fees']) for p in t('fees')): return True
        if t('address') and any(re.search(p, r['_address']) for p in t('address')): return True
        if t('days') and r['_days'] & set(t('days')): return True
        if t('modes') and any(re.search(p, r['_modes']) for p in t('modes')): return True
        if t('accessibility') and r['_access']: return True
        if t('rdv') and r['_rdv']: return True
        if t('open') and any(open_at(r, o) for o in t('open')): return True
        if t('commune') and in_commune(r, t('commune')): return True
        if t('cp') and r['_cp'] in t('cp'): return True
        if t('dep') and any(r['_cp'].startswith(d) for d in t('dep')): return True
        return False
    if 'and' in spec:
        subs = [rule(s) for s in spec['and']]
        return lambda r: all(s(r) for s in subs)
    return ok

path = os.path.join(os.path.dirname(__file__), 'judged.json')
judged = json.load(open(path))
recs = list(records())
for q in judged['queries']:
    f = rule(q['rule'])
    q['relevant'] = sorted(r['id'] for r in recs if f(r))
with open(path, "w") as f:
    f.write("{\n\"about\": " + json.dumps(judged["about"], ensure_ascii=False) + ",\n\"queries\": [\n" + ",\n".join(json.dumps(q, ensure_ascii=False) for q in judged["queries"]) + "\n]\n}\n")
print(len(judged['queries']), 'queries;', sum(1 for q in judged['queries'] if not q['relevant']), 'without relevant places')
