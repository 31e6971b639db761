# Writes the seventh labelled set of notes, tests/Documentation.Tests/corpus/casework-notes.jsonl.
#
# Written apart from the scanner and from the other sets' generators: another language (Ruby, so no helper of the
# C# corpus code is shared — not its check digit, its name lists or its frames), other note types (economic aid,
# home care, the social emergency service's reports, SIP minutes, school concerns, e-mail threads, hand-overs in
# bullets) and another name source: Ruby Faker 2.21's person lists (Debian ruby-faker, MIT), read from the package
# at run time. Run: apt-get install ruby ruby-faker && ruby tools/casework-notes/casework_notes.rb > FILE
#
# Every label carries the form it is written in, so a reader can see where the scanner gives way. Offsets are
# counted in characters; every character written here is in the Basic Multilingual Plane, so they are the
# UTF-16 offsets the scanner reports.
require 'json'
require 'yaml'

LOCALES = '/usr/share/rubygems-integration/all/gems/faker-2.21.0/lib/locales'
SEED = 2031
COUNT = 600

# origin => [given names, surnames], each only of Latin letters, hyphens, apostrophes and spaces.
def load_names
  names = {}
  Dir.glob(File.join(LOCALES, '*.yml')).sort.each do |file|
    data = YAML.load_file(file) rescue next
    locale = data.keys.first
    person = data.dig(locale, 'faker', 'name')
    next unless person.is_a?(Hash)
    pick = ->(pattern) { person.select { |k, _| k =~ pattern }.values.map { |v| v.is_a?(Hash) ? v.values : v }.flatten.map(&:to_s) }
    clean = ->(list) { list.select { |s| s =~ /\A\p{Latin}[\p{Latin}'\-]*\z/ && s.length >= 2 }.uniq }
    given = clean.(pick.(/first/))
    family = clean.(pick.(/last/))
    next if given.size < 10 || family.size < 10
    names[locale] = [given, family]
  end
  # The Nordic locales are small on their own: one origin.
  nordic = %w[sv nb-NO da-DK fi-FI].map { |l| names.delete(l) }.compact
  names['nordic'] = [nordic.map(&:first).flatten.uniq, nordic.map(&:last).flatten.uniq]
  names
end

NAMES = load_names
ORIGINS = NAMES.keys.sort
R = Random.new(SEED)

def pick(list) = list[R.rand(list.size)]

Person = Struct.new(:given, :family, :origin) do
  def full = "#{given} #{family}"
end

def person
  # Half the people have Nordic names, as in a Swedish caseload; the rest of every other origin alike.
  origin = R.rand(2).zero? ? 'nordic' : pick(ORIGINS - ['nordic'])
  given, family = NAMES[origin]
  Person.new(pick(given), pick(family), "ruby-faker-#{origin}")
end

# Nicknames and names that are also Swedish words, written here (this file's hand), not taken from any list.
NICKNAMES = %w[Kalle Lasse Nisse Pelle Olle Janne Micke Jocke Tompa Bosse Kicki Lotta Sussi Affe Putte Totte Sigge
               Frasse Gurra Danne Robban Tessan Jossan Lollo Fia Nettan Ninni Ludde Kenta Stoffe Benke Ragge Kjelle
               Mojje Pirre Bettan Mackan Sanna Lillan Gittan].freeze
WORD_NAMES = %w[Sten Björn Liv Ros Sol Saga Tor Lo Bo Ask Vide Lärka Iris Viola Stjärna Svala Hjalmar Dag Storm Frej].freeze
WORD_SURNAMES = %w[Berg Lind Holm Ström Fors Ek Dahl Sjö Lund Strand Hed Björk Gran Ljung Vall Falk Örn Hök Svan Varg Bäck Mark].freeze

STREETS = %w[Tallvägen Skogsstigen Järnvägsgatan Kyrkogatan Hamngatan Ängsvägen Bäckgränd Smedjegatan Lingonstigen
             Åkervägen Björkallén Torggatan Fabriksgatan Solvändan Granbacken].freeze
PLACES = ['Haparanda', 'Boden', 'Piteå', 'Skellefteå', 'Härnösand', 'Sundsvall', 'Östersund', 'Mora', 'Ludvika', 'Lerum',
          'Kungälv', 'Vänersborg', 'Trollhättan', 'Töreboda'].freeze
UNITS = ['Björkängens äldreboende', 'Solrosens förskola', 'Östra skolan', 'Tallåsens gruppbostad', 'Ekbackens HVB',
         'Lyckans daglig verksamhet', 'Hamnens vårdcentral', 'Norrskolan', 'Gläntans korttidsboende'].freeze
ROLES = %w[kurator mentor rektor skolsköterska kontaktperson biståndshandläggare boendestödjare enhetschef sjuksköterska
           arbetsterapeut].freeze
KIN = %w[mamma pappa mormor farfar moster morbror storebror syster fostermamma bonuspappa].freeze
MEDS = ['Sertralin 50 mg 1x1', 'Alvedon 500 mg vb', 'Elvanse 30 mg på morgonen', 'Propavan 25 mg till natten',
        'Lergigan 10 mg vid behov', 'Metformin 500 mg x 2', 'Atarax 25 mg', 'Circadin 2 mg'].freeze

# Luhn over the nine digits, as Skatteverket computes the check digit.
def check_digit(nine)
  sum = nine.chars.each_with_index.sum do |c, i|
    d = c.to_i * (i.even? ? 2 : 1)
    d > 9 ? d - 9 : d
  end
  (10 - sum % 10) % 10
end

def identity(coordination: false)
  year = 1935 + R.rand(88)
  month = 1 + R.rand(12)
  day = 1 + R.rand(28)
  day += 60 if coordination
  serial = format('%03d', R.rand(1000))
  nine = format('%02d%02d%02d', year % 100, month, day) + serial
  digits = nine + check_digit(nine).to_s
  [year, digits]
end

def identity_text(form, coordination: false)
  year, d = identity(coordination: coordination)
  century = (year / 100).to_s
  case form
  when 'dash' then "#{d[0, 6]}-#{d[6, 4]}"
  when 'long-dash' then "#{century}#{d[0, 6]}-#{d[6, 4]}"
  when 'long' then "#{century}#{d}"
  when 'space' then "#{d[0, 6]} #{d[6, 4]}"
  when 'spaced-dash' then "#{d[0, 6]} - #{d[6, 4]}"
  when 'plain' then d
  end
end

def mobile
  n = "07#{pick(%w[0 2 3 6 9])}#{format('%07d', R.rand(10_000_000))}"
  case R.rand(6)
  when 0 then "#{n[0, 3]}-#{n[3, 3]} #{n[6, 2]} #{n[8, 2]}"
  when 1 then "#{n[0, 3]} #{n[3, 3]} #{n[6, 2]} #{n[8, 2]}"
  when 2 then "+46 #{n[1, 2]} #{n[3, 3]} #{n[6, 2]} #{n[8, 2]}"
  when 3 then "#{n[0, 3]}-#{n[3, 7]}"
  when 4 then "0046 #{n[1, 2]}-#{n[3, 3]} #{n[6, 2]} #{n[8, 2]}"
  else n
  end
end

def landline
  area, rest = pick([['08', 7], ['031', 6], ['040', 6], ['0920', 5], ['0911', 6], ['060', 6], ['063', 6], ['090', 6], ['0250', 5]])
  local = format("%0#{rest}d", R.rand(10**rest))
  local[0] = (1 + R.rand(8)).to_s
  grouped = rest == 7 ? "#{local[0, 3]} #{local[3, 2]} #{local[5, 2]}" : rest == 6 ? "#{local[0, 2]} #{local[2, 2]} #{local[4, 2]}" : "#{local[0, 1]} #{local[1, 2]} #{local[3, 2]}"
  R.rand(2).zero? ? "#{area}-#{grouped}" : "#{area}-#{local}"
end

def ascii(s) = s.unicode_normalize(:nfd).gsub(/\p{Mn}/, '').downcase.gsub(/[^a-z]/, '')

def mail(p)
  local = pick(["#{ascii(p.given)}.#{ascii(p.family)}", "#{ascii(p.given)[0]}#{ascii(p.family)}", "#{ascii(p.given)}#{R.rand(99)}"])
  domain = pick(%w[gmail.com hotmail.se outlook.com telia.com live.se yahoo.com icloud.com])
  [local, domain]
end

def postcode = "#{100 + R.rand(880)} #{format('%02d', R.rand(100))}"

# A note being written: text and the labels of what it holds.
class Note
  attr_reader :text, :labels

  def initialize
    @text = +''
    @labels = []
  end

  def <<(s)
    @text << s
    self
  end

  def put(detector, s, form, origin = nil)
    label = { detector: detector, start: @text.length, length: s.length }
    label[:origin] = origin if origin
    label[:form] = form
    @labels << label
    @text << s
    self
  end

  # Nicknames and word-names come from this file's own lists, whoever the person is.
  def name(s, person, form) = put('name', s, form, %w[nickname word-name].include?(form) ? 'casework-list' : person.origin)
end

def address(form)
  street = pick(STREETS)
  number = 1 + R.rand(60)
  case form
  when 'street' then "#{street} #{number}"
  when 'letter' then "#{street} #{number}#{pick(%w[A B C])}"
  when 'apartment' then "#{street} #{number}, lgh #{1000 + R.rand(400)}"
  when 'floor' then "#{street} #{number}, #{1 + R.rand(5)} tr"
  when 'postal' then "#{street} #{number}, #{postcode} #{pick(PLACES)}"
  when 'postal-caps' then "#{street} #{number} #{postcode} #{pick(PLACES).upcase}"
  when 'care-of' then "c/o #{person.family}, #{street} #{number}"
  when 'box' then "Box #{1 + R.rand(900)}, #{postcode} #{pick(PLACES)}"
  when 'lower' then "#{street.downcase} #{number}"
  when 'abbreviated' then "#{street.sub(/vägen\z/, 'v.').sub(/gatan\z/, 'g.')} #{number}"
  end
end

ADDRESS_FORMS = %w[street letter apartment floor postal postal-caps care-of box lower abbreviated].freeze

def economic_aid(n)
  a = person
  n << "Ekonomiskt bistånd, nybesök. Sökande "
  n.name(a.full, a, 'full') << ' ('
  identity_label(n)
  n << ') kommer med sin '
  k = person
  n << pick(%w[sambo make fru]) << ' '
  n.name(k.given, k, 'first-alone') << ". Hyra #{3000 + R.rand(6000)} kr/mån, el #{200 + R.rand(600)} kr. "
  n << "Utbetalning #{2000 + R.rand(9000)} kr avser #{pick(%w[januari februari mars april maj juni])}. "
  n << "Tel: " ; n.put('phone', mobile, 'mobile') << ". "
  if R.rand(2).zero?
    n << "Adress enl. folkbokföring: "
    form = pick(ADDRESS_FORMS)
    n.put('address', address(form), form) << '. '
  end
  n << "Dnr SN #{2024 + R.rand(3)}/#{100 + R.rand(900)}. "
end

def identity_label(n)
  form = pick(%w[dash long-dash long space spaced-dash plain])
  coordination = R.rand(3).zero?
  s = identity_text(form, coordination: coordination)
  n.put(coordination ? 'samordningsnummer' : 'personnummer', s, form)
  ''
end

def home_care(n)
  a = person
  c = person
  n << "Hemtjänst #{pick(['Norr', 'Centrum', 'Söder'])}, genomförandeplan. Brukare "
  n.name("#{a.family}, #{a.given}", a, 'surname-first') << ". Kontaktman "
  n.name(c.given, c, 'first-alone') << ". Insatser: dusch 2 ggr/v, inköp tisdagar, tillsyn kl. 21.30. "
  n << "Läkemedel: #{pick(MEDS)}, #{pick(MEDS)}. "
  d = person
  n << "Anhörig: #{pick(KIN)} "
  n.name(d.full, d, 'full') << ', '
  n.put('phone', landline, 'landline') << '. '
  n << "Nyckel finns hos #{pick(%w[grannen receptionen])}. " if R.rand(2).zero?
end

def emergency(n)
  a = person
  b = person
  n << "SOCIALJOUREN #{format('%02d', R.rand(24))}.#{format('%02d', R.rand(60))}. Polispatrull #{3000 + R.rand(900)} ringer ang. "
  n.name("#{a.given.upcase} #{a.family.upcase}", a, 'caps') << ' '
  n << "#{pick(['f.', 'född'])} "
  n.put('personnummer', identity_text('long-dash'), 'long-dash') << ". "
  n << "Anmälan K#{100_000 + R.rand(900_000)}-#{24 + R.rand(3)}. "
  n << "Barnen "
  n.name(b.given.upcase, b, 'caps') << ' o '
  c = person
  n.name(c.given.upcase, c, 'caps') << " placeras akut hos #{pick(KIN)} på "
  form = pick(%w[street letter apartment postal-caps])
  n.put('address', address(form).upcase, "#{form}-caps") << '. '
  n << "Jourhavande: "
  d = person
  n.name("#{d.given[0]}. #{d.family}", d, 'initial') << '. '
end

def sip(n)
  n << "SIP-möte #{2025 + R.rand(2)}-#{format('%02d', 1 + R.rand(12))}-#{format('%02d', 1 + R.rand(28))} kl 13:00-14:30. Deltagare: "
  R.rand(2..4).times do |i|
    n << ', ' if i.positive?
    p = person
    n.name(p.full, p, 'full') << " (#{pick(ROLES)})"
  end
  n << ". Samordningsansvarig: "
  q = person
  n.name(q.family, q, 'surname-alone') << ". "
  n << "Nästa uppföljning v. #{1 + R.rand(52)}. "
end

def school_concern(n)
  pupil = person
  mentor = person
  n << "Orosanmälan från "
  n.put('institution', pick(UNITS), 'named') << ". Eleven "
  n.name(pupil.full, pupil, 'full') << ", åk #{1 + R.rand(9)}#{pick(%w[A B C])}, har hög frånvaro (#{10 + R.rand(40)} %). "
  n << "Mentor "
  n.name(mentor.given, mentor, 'first-alone') << ' har pratat med '
  n.name("#{pupil.given}s", pupil, 'possessive') << " #{pick(KIN)}. "
  n << "Anmälare nås på " ; n.put('email', mail(mentor).join('@'), 'plain') << '. '
end

def mail_thread(n)
  a = person
  b = person
  local, domain = mail(a)
  n << "Från: "
  n.name(a.full, a, 'full') << ' <'
  n.put('email', "#{local}@#{domain}", 'plain') << ">\nÄmne: Re: möte #{pick(%w[tisdag onsdag torsdag fredag])}\n"
  n << "Hej! Vi ses hos "
  n.name(b.given, b, 'first-alone') << ' kl 10. '
  n << "Skriv hellre till "
  l2, d2 = mail(b)
  form = pick(%w[at-brackets at-spaced at-dot-words])
  written = case form
            when 'at-brackets' then "#{l2}(at)#{d2}"
            when 'at-spaced' then "#{l2} [at] #{d2}"
            else "#{l2} at #{d2.sub('.', ' dot ')}"
            end
  n.put('email', written, form) << '. '
  n << "/#{a.given}\n"
  n.labels << { detector: 'name', start: n.text.length - 1 - a.given.length, length: a.given.length, origin: a.origin, form: 'signature' }
end

def handover(n)
  n << "Överlämning:\n"
  R.rand(2..4).times do
    p = person
    case R.rand(8)
    when 0 then n << '- ring '; n.name(p.given.downcase, p, 'lower') << " ang. hyran\n"
    when 1 then n << '- boka möte m '; n.name("#{p.given.downcase} #{p.family.downcase}", p, 'lower') << "\n"
    when 2 then n << '* '; q = person; nick = pick(NICKNAMES); n.name(nick, q, 'nickname') << " (#{pick(KIN)}) vill bli kontaktad\n"
    when 3 then n << '- '; n.name(pick(NICKNAMES), p, 'nickname') << " hörde av sig, återkommer\n"
    when 4 then n << '- kolla m '; n.name(pick(WORD_NAMES), p, 'word-name') << " om skolskjuts\n"
    when 5 then n << "- #{pick(KIN)} "; n.name("#{pick(WORD_NAMES)} #{pick(WORD_SURNAMES)}", p, 'word-name') << " har lämnat intyg\n"
    when 6 then n << '- '; n.name("#{p.given}s", p, 'possessive') << " ansökan ligger i pärmen\n"
    else n << '- samtal med dr '; n.name(p.family, p, 'after-title') << " om #{pick(MEDS)}\n"
    end
  end
end

# Text with no identifier in it, written the way the other frames are: decoys for precision.
def decoys(n)
  n << pick([
    "Bedömning: Behovet kvarstår. Åtgärd: Fortsatt stöd enl. 4 kap. 1 § SoL. ",
    "Uppf. #{2025 + R.rand(2)}-#{format('%02d', 1 + R.rand(12))}-#{format('%02d', 1 + R.rand(28))} 09:15. Insatsen har inte verkställts inom tre månader. ",
    "Diagnos F90.0 och F84.5 enl. BUP. Går på skolan varje dag. ",
    "Faktura #{100_000 + R.rand(900_000)}, belopp #{1 + R.rand(9)} #{format('%03d', R.rand(1000))} kr, förfaller #{1 + R.rand(28)}/#{1 + R.rand(12)}. ",
    "Bor i #{pick(['2 rok', '3 rok', '1 rok'])}, #{40 + R.rand(60)} kvm. Rum #{1 + R.rand(9)} på boendet. ",
    "Buss #{1 + R.rand(30)} går till vårdcentralen. Möte må #{1 + R.rand(28)}/#{1 + R.rand(12)} el. ons fm. ",
    "Sten och grus på uppfarten, halkrisk. Ljus i trapphuset saknas. ",
    "Hon säger att livet känns tungt. Björnen på bilden är hans gosedjur. ",
    "Ärendet överlämnas till LSS-handläggare. Org.nr 212000-2627. ",
    "Tidsbok: tis 10.00, tor 14.00. Vecka #{1 + R.rand(52)} semester. ",
  ])
end

FRAMES = %i[economic_aid home_care emergency sip school_concern mail_thread handover].freeze

COUNT.times do
  n = Note.new
  frames = FRAMES.sample(R.rand(1..2), random: R)
  frames.each { |f| send(f, n) }
  R.rand(0..2).times { decoys(n) }
  if R.rand(4).zero?
    n << "Bor på "
    form = pick(ADDRESS_FORMS)
    n.put('address', address(form), form) << '. '
  end
  puts JSON.generate({ text: n.text.strip, labels: n.labels.sort_by { |l| l[:start] } })
end
