#!/usr/bin/python3
"""Writes the ninth labelled set of notes, tests/Documentation.Tests/corpus/service-notes.jsonl.

Written apart from the scanner and from the other sets' generators: another language (Python, so no helper of the
C#, Ruby or JavaScript generators is shared: not their check digit, lists or frames), other note types (elderly care
needs assessments, addiction care, LSS with a legal representative, foster-home placements, dated journal rows,
meeting minutes with a list of those present, text messages, dictated run-on notes, police reports, address changes)
and another name source: Python Faker 0.9.3's person and address providers (Debian python3-fake-factory, MIT),
Latin-script locales only. Transliterated names of origins Faker lacks (Somali, Tigrinya, Arabic, Dari) are a short
list written in this file. Run: apt-get install python3-fake-factory && /usr/bin/python3 tools/service-notes/service_notes.py > FILE

Every label carries the form it is written in. Offsets are Python string indices; every character written here is
in the Basic Multilingual Plane, so they are the UTF-16 offsets the scanner reports.
"""
import json
import random
import sys

from faker import Faker

SEED = 2032
COUNT = 500
R = random.Random(SEED)

LOCALES = ['sv_SE', 'fi_FI', 'no_NO', 'dk_DK', 'tr_TR', 'pl_PL', 'de_DE', 'hr_HR', 'et_EE', 'es_ES', 'it_IT',
           'hu_HU', 'ro_RO', 'sl_SI', 'lt_LT', 'lv_LV', 'fr_FR', 'nl_NL', 'cs_CZ', 'pt_PT']
FAKERS = {}
for loc in LOCALES:
    FAKERS[loc] = Faker(loc)
    FAKERS[loc].seed_instance(SEED + len(FAKERS))
SV = FAKERS['sv_SE']

# Origins Faker 0.9.3 has no Latin-script names for, as Swedish records transliterate them (this file's own list).
TRANSLITERATED = {
    'somali': (['Abdirahman', 'Hodan', 'Fadumo', 'Mahad', 'Ayaan', 'Hibaaq', 'Warsame', 'Sahra', 'Liibaan', 'Nasteho'],
               ['Warsame', 'Abdi', 'Farah', 'Hirsi', 'Jama', 'Osman', 'Guled', 'Mohamud', 'Aden', 'Ismail']),
    'tigrinya': (['Yonas', 'Senait', 'Meron', 'Tesfalem', 'Selam', 'Dawit', 'Helen', 'Filmon', 'Rahwa', 'Biniam'],
                 ['Tesfay', 'Ghebremedhin', 'Kidane', 'Haile', 'Berhane', 'Woldu', 'Asfaha', 'Mehari', 'Gebru', 'Okbay']),
    'arabic': (['Rami', 'Lina', 'Omar', 'Yasmin', 'Khaled', 'Rasha', 'Bassel', 'Nour', 'Ziad', 'Hiba'],
               ['Al-Hamdani', 'Haddad', 'Nasser', 'Khalil', 'Saleh', 'El-Amin', 'Darwish', 'Mansour', 'Qasim', 'Youssef']),
    'dari': (['Farid', 'Mursal', 'Ahmad', 'Parwana', 'Sohrab', 'Nilofar', 'Jawed', 'Freshta', 'Habib', 'Zarghuna'],
             ['Rahimi', 'Ahmadzai', 'Hakimi', 'Noori', 'Sultani', 'Karimi', 'Wardak', 'Popal', 'Azizi', 'Sadat']),
}

MEDS = ['Sertralin 50 mg', 'Metadon 60 mg', 'Subutex 8 mg', 'Elvanse 30 mg', 'Propavan 25 mg', 'Atarax 25 mg',
        'Waran 3 mg', 'Alvedon 1 g', 'Lergigan 25 mg', 'Antabus 200 mg']
AGENCIES = ['Försäkringskassan', 'Arbetsförmedlingen', 'Migrationsverket', 'Kriminalvården', 'Polisen', 'Kronofogden',
            'Region Norrbotten', 'Beroendemottagningen', 'Vuxenpsykiatrin', 'Hemtjänsten']
NICKS = ['Bettan', 'Kjelle', 'Lasse', 'Gunnel', 'Tusse', 'Nisse', 'Mirre', 'Pojan', 'Sessan', 'Bengan']
INSTITUTION_NAMES = ['Solhagen', 'Björkbacken', 'Tallåsen', 'Ekbacken', 'Lindgården', 'Sjöängen', 'Norrgården',
                     'Granliden', 'Hagaberg', 'Källbacken']
INSTITUTION_HEADS = ['äldreboende', 'vårdcentral', 'gruppbostad', 'förskola', 'skola', 'korttidsboende', 'behandlingshem']


class Note:
    def __init__(self):
        self.parts = []
        self.labels = []
        self.length = 0

    def t(self, text):
        self.parts.append(text)
        self.length += len(text)
        return self

    def l(self, text, detector, form, origin=None):
        label = {'detector': detector, 'start': self.length, 'length': len(text), 'form': form}
        if origin:
            label['origin'] = origin
        self.labels.append(label)
        return self.t(text)

    def json(self):
        return json.dumps({'text': ''.join(self.parts), 'labels': sorted(self.labels, key=lambda x: x['start'])},
                          ensure_ascii=False)


def person():
    if R.random() < 0.45:
        loc = 'sv_SE'
    elif R.random() < 0.25:
        origin = R.choice(sorted(TRANSLITERATED))
        given, family = TRANSLITERATED[origin]
        return R.choice(given), R.choice(family), 'list-' + origin
    else:
        loc = R.choice(LOCALES[1:])
    f = FAKERS[loc]
    return f.first_name(), f.last_name(), 'py-faker-' + loc


def luhn(nine):
    total = 0
    for i, c in enumerate(nine):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def identity(coordination=False):
    year = R.randint(1935, 2019)
    month = R.randint(1, 12)
    day = R.randint(1, 28) + (60 if coordination else 0)
    serial = '%03d' % R.randint(0, 999)
    short = '%02d%02d%02d' % (year % 100, month, day)
    check = luhn(short + serial)
    form = R.choice(['dash', 'long-dash', 'plain', 'long'])
    century = str(year // 100)
    text = {'dash': short + '-' + serial + check, 'long-dash': century + short + '-' + serial + check,
            'plain': short + serial + check, 'long': century + short + serial + check}[form]
    return text, form


def mobile():
    number = '07' + R.choice('0236') + ''.join(R.choice('0123456789') for _ in range(7))
    form = R.choice(['dashed', 'spaced', 'plain', 'international'])
    a, b = number[:3], number[3:]
    text = {'dashed': a + '-' + b[:3] + ' ' + b[3:5] + ' ' + b[5:], 'spaced': a + ' ' + b[:3] + ' ' + b[3:5] + ' ' + b[5:],
            'plain': number, 'international': '+46 ' + number[1:3] + ' ' + b[:3] + ' ' + b[3:5] + ' ' + b[5:]}[form]
    return text, 'mobile-' + form


# Swedish area codes (Faker 0.9.3's sv_SE numbers use codes that do not exist, such as 0003 or 0714).
AREA_CODES = ['08', '031', '040', '018', '013', '090', '0920', '0923', '0926', '0480', '0470', '0500', '0520', '0611',
              '063', '060', '026', '021', '054', '019', '016', '035', '036', '042', '044', '046']


def landline():
    code = R.choice(AREA_CODES)
    digits = ''.join(R.choice('0123456789') for _ in range(8 - len(code) + 1))
    digits = str(R.randint(1, 9)) + digits[1:]
    groups = digits[:-4] + ' ' + digits[-4:-2] + ' ' + digits[-2:] if len(digits) > 5 else digits[:3] + ' ' + digits[3:]
    form = R.choice(['dashed', 'dashed', 'international'])
    text = code + '-' + groups if form == 'dashed' else '+46 (0)' + code[1:] + ' ' + groups
    return text, 'landline-' + form


def email(given, family):
    def ascii(s):
        return ''.join({'å': 'a', 'ä': 'a', 'ö': 'o', 'é': 'e', 'ü': 'u'}.get(c, c) for c in s.lower() if c.isalpha() or c in 'åäöéü')
    domain = R.choice(['gmail.com', 'hotmail.se', 'outlook.com', 'telia.com', 'live.se', 'icloud.com', 'bredband.net'])
    local = R.choice([ascii(given) + '.' + ascii(family), ascii(given)[0] + ascii(family), ascii(family) + str(R.randint(1, 99))])
    return local + '@' + domain


def address():
    # Faker 0.9.3's sv_SE house numbers may start with 0 and its postcodes with 0: neither occurs in Sweden.
    street = SV.street_name() + ' ' + str(R.randint(1, 140)) + R.choice(['', '', '', ' A', 'B'])
    postcode = str(R.randint(100, 984)) + ' ' + '%02d' % R.randint(0, 99)
    city = SV.city()
    form = R.choice(['street', 'street-postal', 'street-postal-caps', 'street-apartment', 'street-floor'])
    if form == 'street-postal':
        return street + ', ' + postcode + ' ' + city, form
    if form == 'street-postal-caps':
        return street + ', ' + postcode + ' ' + city.upper(), form
    if form == 'street-apartment':
        return street + ', lgh ' + str(R.randint(1001, 1504)), form
    if form == 'street-floor':
        return street + ', ' + str(R.randint(1, 6)) + ' tr', form
    return street, form


def date():
    return '2026-%02d-%02d' % (R.randint(1, 12), R.randint(1, 28))


def name(n, given, family, origin, form):
    if form == 'full':
        n.l(given + ' ' + family, 'name', form, origin)
    elif form == 'given':
        n.l(given, 'name', form, origin)
    elif form == 'family':
        n.l(family, 'name', form, origin)
    elif form == 'caps':
        n.l((given + ' ' + family).upper(), 'name', form, origin)
    elif form == 'lower':
        n.l((given + ' ' + family).lower(), 'name', form, origin)
    elif form == 'initial':
        n.l(given[0] + '. ' + family, 'name', form, origin)
    elif form == 'surname-first':
        n.l(family + ' ' + given, 'name', form, origin)
    return n


def elderly():
    g, f, o = person()
    n = Note().t('Biståndsutredning äldreomsorg. Sökande: ')
    name(n, g, f, o, 'full').t(', ' + str(R.randint(78, 99)) + ' år, ')
    pn, form = identity()
    n.l(pn, 'personnummer', form).t('. Bor ensam på ')
    a, aform = address()
    n.l(a, 'address', aform).t('. Dottern ')
    g2, f2, o2 = person()
    name(n, g2, f, o2, 'given').t(' nås på ')
    p, pform = mobile()
    n.l(p, 'phone', pform).t('. ').l(g, 'name', 'given', o).t(' önskar hjälp med dusch två gånger i veckan och matdistribution. ')
    if R.random() < 0.5:
        inst = R.choice(INSTITUTION_NAMES)
        n.t('Har tidigare haft korttidsvistelse på ').l(inst + 's ' + R.choice(INSTITUTION_HEADS[:3]), 'institution', 'named').t('. ')
    n.t('Medicinlista: ' + R.choice(MEDS) + ', ' + R.choice(MEDS) + '. Beslut enligt 4 kap. 1 § SoL.')
    return n


def addiction():
    g, f, o = person()
    n = Note().t(date() + ' Besök ').t('på Beroendemottagningen. Klienten ')
    name(n, g, f, o, R.choice(['full', 'full', 'caps'])).t(' kom i tid. Uppger ')
    n.t(R.choice(['drickande varje helg', 'återfall i amfetamin', 'stabil i substitutionsbehandling'])).t('. AUDIT ' + str(R.randint(8, 30)) + ' p. ')
    n.t('Sambon ')
    g2, f2, o2 = person()
    name(n, g2, f2, o2, R.choice(['given', 'full'])).t(' var med en stund. ')
    if R.random() < 0.5:
        n.t('Kontakt med frivården, handläggare ')
        g3, f3, o3 = person()
        name(n, g3, f3, o3, R.choice(['full', 'initial'])).t(', tel ')
        p, pform = landline()
        n.l(p, 'phone', pform).t('. ')
    n.t('Urinprov lämnat. Nästa besök ' + date() + ' kl ' + str(R.randint(8, 16)) + '.' + R.choice(['00', '15', '30']) + '.')
    return n


def lss():
    g, f, o = person()
    n = Note().t('LSS-ansökan, personlig assistans. Den enskilde: ')
    name(n, g, f, o, 'full').t(' (')
    pn, form = identity()
    n.l(pn, 'personnummer', form).t('). Företräds av god man ')
    g2, f2, o2 = person()
    name(n, g2, f2, o2, 'full').t(', ')
    n.l(email(g2, f2), 'email', 'plain').t('. ')
    if R.random() < 0.5:
        inst = R.choice(INSTITUTION_NAMES)
        n.t('Har daglig verksamhet på ').l(inst, 'institution', 'named').t(' tre dagar i veckan. ')
    n.t('Behovet gäller hjälp vid måltider och personlig hygien, ca ' + str(R.randint(20, 60)) + ' tim/v. Läkarintyg från ')
    n.t(R.choice(['Habiliteringen', 'Vuxenpsykiatrin', 'vårdcentralen'])).t(' bifogas. Dnr SN 2026/' + str(R.randint(10, 999)) + '.')
    return n


def foster():
    g, f, o = person()
    n = Note().t('Placering i familjehem enligt 6 kap. SoL. ')
    name(n, g, f, o, R.choice(['given', 'full'])).t(', ' + str(R.randint(3, 16)) + ' år, placeras hos familjehemmet ')
    g2, f2, o2 = person()
    g3, _, o3 = person()
    name(n, g2, f2, o2, 'given').t(' och ')
    name(n, g3, f2, o3, 'full').t(' i ')
    a, aform = address()
    n.l(a, 'address', aform).t('. Mamma ')
    g4, f4, o4 = person()
    name(n, g4, f4, o4, R.choice(['full', 'given'])).t(' har umgänge varannan helg. ')
    if R.random() < 0.5:
        n.t('Skolgång i ').l(R.choice(INSTITUTION_NAMES) + 'skolan', 'institution', 'named').t(', åk ' + str(R.randint(1, 9)) + '. ')
    n.t('Familjehemsersättning ' + str(R.randint(8, 14)) + ' 500 kr/mån.')
    return n


def journal_rows():
    n = Note()
    for _ in range(R.randint(2, 4)):
        g, f, o = person()
        n.t(date() + ' ' + '%02d:%02d' % (R.randint(8, 16), R.choice([0, 10, 20, 30, 45])) + ' ')
        kind = R.choice(['Tfn från', 'Tfn till', 'Mejl från', 'Brev till'])
        n.t(kind + ' ')
        name(n, g, f, o, R.choice(['full', 'full', 'given', 'initial', 'surname-first']))
        n.t(' (' + R.choice(['mormor', 'granne', 'kurator', 'rektor', 'sambo', 'god man']) + ') ang. ')
        n.t(R.choice(['hyresskulden', 'skolfrånvaron', 'ansökan', 'läkarintyget', 'mötet']) + '.')
        if kind == 'Mejl från' and R.random() < 0.7:
            n.t(' Svar skickat till ').l(email(g, f), 'email', 'plain').t('.')
        elif kind.startswith('Tfn') and R.random() < 0.5:
            n.t(' Nås på ')
            p, pform = mobile()
            n.l(p, 'phone', pform).t('.')
        n.t('\n')
    return n


def minutes():
    n = Note().t('Nätverksmöte ' + date() + '. Närvarande: ')
    for i in range(R.randint(3, 5)):
        g, f, o = person()
        if i:
            n.t(', ')
        name(n, g, f, o, 'full').t(' (' + R.choice(['soc.sekr', 'rektor', 'BUP', 'mamma', 'pappa', 'skolsköterska', 'kontaktperson']) + ')')
    g, f, o = person()
    n.t('. Frånvarande: ')
    name(n, g, f, o, 'full').t('. Beslut: ')
    g2, f2, o2 = person()
    name(n, g2, f2, o2, 'given').t(' kallar till nytt möte v. ' + str(R.randint(2, 50)) + '.')
    return n


def sms():
    g, f, o = person()
    n = Note().t('SMS från ')
    name(n, g, f, o, R.choice(['given', 'full', 'lower']))
    n.t(' ' + '%02d.%02d' % (R.randint(7, 22), R.randint(0, 59)) + ': "')
    n.t(R.choice(['kan inte komma idag, barnen är sjuka', 'har fått jobb!! ringer imorgon', 'vart ska jag skicka papperen']))
    n.t('". Svarat att hen kan ringa växeln ')
    p, pform = landline()
    n.l(p, 'phone', pform).t(' eller mejla ')
    g2, f2, _ = person()
    n.l(email(g2, f2), 'email', 'plain').t('.')
    return n


def dictated():
    g, f, o = person()
    n = Note().t('pratade med ')
    if R.random() < 0.3:
        n.l(R.choice(NICKS), 'name', 'nickname', 'list-nickname')
    else:
        name(n, g, f, o, R.choice(['lower', 'given', 'full']))
    n.t(' idag hon sa att ')
    g2, f2, o2 = person()
    n.t(R.choice(['sonen ', 'exmaken ', 'grannen ']))
    name(n, g2, f2, o2, R.choice(['given', 'lower', 'full']))
    n.t(' inte har hört av sig sen i somras och att hyran inte är betald ska kolla med ' + R.choice(AGENCIES).lower() + ' imorgon')
    if R.random() < 0.5:
        n.t(' hennes nya nummer är ')
        p, pform = mobile()
        n.l(p, 'phone', pform)
    return n


def police():
    g, f, o = person()
    n = Note().t('Polisanmälan K' + str(R.randint(100000, 999999)) + '-26 har inkommit. Gäller ')
    name(n, g, f, o, R.choice(['caps', 'full', 'surname-first'])).t(', ')
    pn, form = identity(coordination=R.random() < 0.3)
    detector = 'personnummer'
    digits = pn.replace('-', '')
    day = int(digits[-6:-4])
    if day > 60:
        detector = 'samordningsnummer'
    n.l(pn, detector, form).t('. Förhörsledare ')
    g2, f2, o2 = person()
    name(n, g2, f2, o2, R.choice(['full', 'initial', 'family'])).t(' meddelar att ')
    n.t(R.choice(['misstänkt snatteri', 'ringa narkotikabrott', 'olaga hot']) + ' utreds. Vårdnadshavare ')
    g3, f3, o3 = person()
    name(n, g3, f3, o3, 'full').t(' underrättad per telefon ')
    p, pform = mobile()
    n.l(p, 'phone', pform).t('.')
    return n


def address_change():
    g, f, o = person()
    n = Note().t('Adressändring fr.o.m. 1/' + str(R.randint(1, 12)) + ': ')
    name(n, g, f, o, R.choice(['full', 'surname-first', 'caps'])).t(' har flyttat till ')
    a, aform = address()
    n.l(a, 'address', aform).t('. Tidigare adress ')
    a2, aform2 = address()
    n.l(a2, 'address', aform2).t('. Meddela ' + R.choice(AGENCIES) + '. Ny hyra ' + str(R.randint(5, 12)) + ' 900 kr, lgh ' + str(R.randint(1, 5)) + ' rok.')
    return n


KINDS = [elderly, addiction, lss, foster, journal_rows, minutes, sms, dictated, police, address_change]


def main():
    out = sys.stdout
    for i in range(COUNT):
        out.write(KINDS[i % len(KINDS)]().json() + '\n')


if __name__ == '__main__':
    main()
