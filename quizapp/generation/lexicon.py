"""Small built-in word lists: cues for classifying names, and pools of plausible distractors."""

from __future__ import annotations

MONTHS = (
    "January February March April May June July August September October November December".split()
)
MONTH_INDEX = {name: i + 1 for i, name in enumerate(MONTHS)}
WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

COUNTRIES = (
    "Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Belarus Belgium Bolivia "
    "Brazil Bulgaria Cambodia Canada Chile China Colombia Croatia Cuba Denmark Egypt England Estonia "
    "Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India Indonesia Iran Iraq "
    "Ireland Israel Italy Japan Jordan Kazakhstan Kenya Latvia Lebanon Libya Lithuania Luxembourg "
    "Mexico Moldova Mongolia Montenegro Morocco Nepal Netherlands Nigeria Norway Pakistan Peru "
    "Philippines Poland Portugal Romania Russia Scotland Serbia Slovakia Slovenia Somalia Spain "
    "Sudan Sweden Switzerland Syria Taiwan Thailand Tunisia Turkey Uganda Ukraine Uruguay Venezuela "
    "Vietnam Wales Yemen Zimbabwe"
).split() + [
    "United States", "United Kingdom", "South Africa", "South Korea", "North Korea", "New Zealand",
    "Saudi Arabia", "Soviet Union", "East Germany", "West Germany", "Czech Republic", "Czechoslovakia",
]
COUNTRY_ALIASES = ("U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "USSR", "America", "Britain", "Great Britain")
CITIES = (
    "Amsterdam Athens Baghdad Barcelona Beijing Belgrade Berlin Bern Bonn Brussels Bucharest Budapest "
    "Cairo Chicago Copenhagen Dublin Edinburgh Geneva Glasgow Hamburg Helsinki Istanbul Jerusalem "
    "Kabul Kyiv Kiev Lisbon London Madrid Manchester Milan Minsk Moscow Munich Nairobi Oslo Oxford "
    "Cambridge Paris Prague Riga Rome Seoul Stockholm Sydney Tallinn Tehran Tokyo Toronto Vienna "
    "Vilnius Warsaw Washington Zurich Boston Peoria Kharkiv Odesa Lviv Donetsk Luhansk Potsdam Leipzig Dresden"
).split() + ["New York", "Los Angeles", "San Francisco", "St. Petersburg", "Hong Kong", "Mexico City", "Rio de Janeiro"]
CONTINENTS = ("Africa", "Antarctica", "Asia", "Europe", "North America", "South America", "Oceania", "Crimea", "Donbas", "Siberia")
PLACES = frozenset(COUNTRIES) | frozenset(COUNTRY_ALIASES) | frozenset(CITIES) | frozenset(CONTINENTS)

# Pools for distractors when the article has too few of a kind (countries with countries, cities with cities).
COUNTRY_POOL = tuple(c for c in COUNTRIES if c not in ("England", "Scotland", "Wales"))
CITY_POOL = tuple(CITIES)
ORG_POOL = (
    "United Nations", "European Union", "World Health Organization", "Red Cross", "Royal Society",
    "World Bank", "International Monetary Fund", "Council of Europe",
)

# Where a place is, so a made-up wrong place is a neighbour ("Belarus launched an invasion"),
# not a giveaway ("Uruguay launched an invasion"). Countries by region; cities by country.
REGIONS = {
    "eastern europe": "Russia Ukraine Belarus Poland Moldova Romania Hungary Slovakia Lithuania Latvia Estonia "
    "Bulgaria Czechoslovakia Georgia Armenia Azerbaijan Kazakhstan Czech_Republic Soviet_Union East_Germany USSR",
    "western europe": "France Germany Austria Belgium Netherlands Luxembourg Switzerland Denmark Norway Sweden "
    "Finland Iceland Ireland Portugal Spain Italy United_Kingdom England Scotland Wales Britain Great_Britain "
    "UK U.K. West_Germany",
    "southern europe": "Greece Albania Croatia Serbia Slovenia Montenegro Turkey Italy Spain Portugal Bulgaria",
    "middle east": "Egypt Iran Iraq Israel Jordan Lebanon Saudi_Arabia Syria Turkey Yemen Afghanistan",
    "asia": "China Japan India Pakistan Nepal Mongolia Cambodia Indonesia Philippines South_Korea North_Korea "
    "Taiwan Thailand Vietnam Kazakhstan",
    "africa": "Algeria Ethiopia Ghana Kenya Libya Morocco Nigeria Somalia South_Africa Sudan Tunisia Uganda Zimbabwe",
    "americas": "Argentina Bolivia Brazil Canada Chile Colombia Cuba Mexico Peru Uruguay Venezuela United_States "
    "U.S. US USA U.S.A. America",
    "oceania": "Australia New_Zealand",
}
CITY_COUNTRIES = {
    "Ukraine": "Kyiv Kiev Kharkiv Odesa Lviv Donetsk Luhansk",
    "Russia": "Moscow St._Petersburg",
    "Germany": "Berlin Bonn Hamburg Munich Potsdam Leipzig Dresden",
    "United Kingdom": "London Manchester Edinburgh Glasgow Oxford Cambridge",
    "United States": "Washington New_York Chicago Boston Peoria Los_Angeles San_Francisco",
    "France": "Paris", "Italy": "Rome Milan", "Spain": "Madrid Barcelona", "Netherlands": "Amsterdam",
    "Belgium": "Brussels", "Switzerland": "Bern Geneva Zurich", "Austria": "Vienna", "Poland": "Warsaw",
    "Czech Republic": "Prague", "Hungary": "Budapest", "Romania": "Bucharest", "Serbia": "Belgrade",
    "Greece": "Athens", "Portugal": "Lisbon", "Ireland": "Dublin", "Denmark": "Copenhagen", "Norway": "Oslo",
    "Sweden": "Stockholm", "Finland": "Helsinki", "Estonia": "Tallinn", "Latvia": "Riga", "Lithuania": "Vilnius",
    "Belarus": "Minsk", "Turkey": "Istanbul", "Iraq": "Baghdad", "Iran": "Tehran", "Israel": "Jerusalem",
    "Egypt": "Cairo", "Afghanistan": "Kabul", "Kenya": "Nairobi", "China": "Beijing Hong_Kong", "Japan": "Tokyo",
    "South Korea": "Seoul", "Australia": "Sydney", "Canada": "Toronto", "Mexico": "Mexico_City",
    "Brazil": "Rio_de_Janeiro",
}
# Names of one place, or of places one contains: swapping one for another may leave a statement true.
OVERLAPPING_PLACES = (
    "United_Kingdom Britain Great_Britain UK U.K. England Scotland Wales",
    "United_States U.S. US USA U.S.A. America",
    "Soviet_Union USSR Russia",
    "Germany East_Germany West_Germany",
    "Czechoslovakia Czech_Republic Slovakia",
    "Kyiv Kiev",
)

ROLE_WORDS = frozenset(
    """president vice-president premier minister spokesman spokeswoman spokesperson adviser advisor secretary
    chancellor king queen prince princess emperor empress tsar czar sultan pharaoh pope bishop archbishop
    general colonel commander admiral captain lieutenant sergeant senator congressman congresswoman governor
    mayor leader chairman chairwoman chair director chief ceo founder co-founder oligarch ambassador envoy
    diplomat official officer physicist chemist biologist bacteriologist microbiologist scientist researcher
    mathematician astronomer engineer inventor writer author poet novelist painter artist composer
    philosopher historian economist professor lecturer doctor physician surgeon nurse pharmacologist
    biochemist crystallographer mr. mrs. ms. dr. prof. sir lord lady dame saint st. husband wife son daughter
    brother sister father mother colleague student pupil teacher mentor assistant lawyer judge journalist
    reporter actor actress singer explorer pilot astronaut cosmonaut duke duchess count countess
    guard soldier dictator activist politician economist architect photographer rapper coach critic scholar
    columnist biographer commentator analyst""".split()
)
# Roles of people who write or speak about events rather than take part in them: who said what a
# historian wrote is a citation, and a historian is no believable speaker of a minister's words.
COMMENTATOR_ROLES = frozenset(
    "historian critic scholar columnist biographer commentator analyst journalist reporter".split()
)
# Role words that are forms of address, not roles two people can share.
TITLE_ABBREVIATIONS = frozenset("mr. mrs. ms. dr. prof. sir lord lady dame saint st.".split())
SPEECH_VERBS = frozenset(
    """said says stated states told tells wrote writes added adds declared declares announced announces
    replied replies remarked insisted explained recalled noted warned claimed claims argued argues
    asked urged described called responded answered admitted conceded""".split()
)
PERSON_VERBS = SPEECH_VERBS | frozenset("died married studied won received discovered invented".split())
# Finite verbs that do not end in "-ed": an event's label needs one ("Drummer Roy McDonald" is no event).
FINITE_VERBS = frozenset(
    """was were is are has had have became becomes began begins won wins went goes took takes made makes
    held holds left leaves came comes led leads wrote gave gives met meets ran runs saw built builds brought
    fell grew grows sold sells bought set sets struck strikes sent sends spent found finds lost loses rose
    fought flew fled broke beat bore swore threw drew shook sang sank spoke stood stole chose froze wore
    hit hits cut cuts put puts quit split spread shut cast forbade overthrew undertook withdrew
    joins signs opens releases dies marries moves returns burnt dealt meant felt kept slept taught caught
    thought sought told hid shot lit fed paid laid sat knew drove rode wound bound dug hung sprang swam
    tore woke""".split()
)
NOT_PAST_TENSE = frozenset("hundred bed red seed need speed creed breed shed sled steed reed weed feed".split())


def is_finite_verb(word: str) -> bool:
    """A past tense ("joined", "rebuilt") or a common finite verb ("became", "was"); a capitalised word is a name."""
    word = word.strip(".,;:")
    if not word.islower():
        return False
    return (
        word in FINITE_VERBS
        or word.removeprefix("re") in FINITE_VERBS  # "rebuilt", "retook"
        or (word.endswith("ed") and len(word) > 3 and word not in NOT_PAST_TENSE)
    )

ORG_SUFFIXES = frozenset(
    """Group Party Agency Ministry Inc Inc. Ltd Ltd. Company Corporation Corp Corp. University Institute
    Council Committee Bank Army Navy Force Forces Association Society Union Organisation Organization
    Department Office Commission Foundation Church College School Court Parliament Congress Senate
    Government Service Services Bureau Museum Laboratory Laboratories Hospital Academy Federation League
    Alliance Club Press Times Post News Network Front Movement Assembly Cabinet Directorate Guard Police
    Administration Authority Board Trust Fund Centre Center Station Brigade Battalion Division Regiment
    Command Stasi Politburo Kremlin Affairs Relations Studies Sciences Band Orchestra Ensemble Quartet
    Quintet Choir Chorus Trio Studio Studios Records Pictures Airlines Airways Brewery Breweries Distillery
    Winery Factory Shipyard Railway Railways Motors""".split()
)
ORG_PREFIXES = ("University of", "Ministry of", "Bank of", "Department of", "Institute of", "Academy of", "Royal ")
# What a creative work is called: a title after one names the work ("the 1865 novel From the Earth to the Moon").
WORK_WORDS = frozenset(
    "novel novella film poem essay book album song play opera painting symphony series show game manga anime "
    "story single sculpture musical ballet comic novelette".split()
)
EVENT_WORDS = frozenset(
    """War Wars Revolution Battle Siege Crisis Olympics Games Treaty Accord Accords Conference Summit
    Election Elections Uprising Rebellion Massacre Invasion Pandemic Expedition Cup Championship Festival
    Euromaidan Maidan Holocaust Renaissance Reformation Blockade Airlift Landing Landings Crusade Putsch
    Coup Plague Depression Armistice Prize Award Medal Day""".split()
)
PLACE_SUFFIXES = frozenset(
    """City River Mountains Mountain Mount Lake Sea Ocean Island Islands Peninsula Valley Province County
    Region Oblast Republic Kingdom Empire Street Strasse Straße Square Bay Desert Forest Canal Strait Gulf Coast
    Gate Bridge Wall Checkpoint Hill Hills Park End Embankment Road Lane Avenue Heath Marsh Docks""".split()
)
# First words of place names ("River Thames", "Lake Geneva", "Palace of Westminster").
PLACE_PREFIXES = frozenset("River Lake Mount Cape Isle Port Fort Palace Castle".split())
# Capitalised words that, at the start of a run, are ordinary words capitalised by position or style.
COMMON_CAPITALISED = frozenset(
    """the a an in on at of for to from by with as after before during upon under over since until about
    according although though because but and or nor so yet however meanwhile moreover also then there
    here this that these those it its he she his her they their them we our you your i my some many most
    several few all each every both any no not one two three four five six seven eight nine ten first
    second third last later earlier early late today yesterday when while where which who whom whose what
    why how if unlike like despite instead once only even still just beginning coming following being
    having given although following initially eventually finally afterwards soon another other such
    between among within without toward towards against around throughout across beyond near""".split()
)
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "en", "i")
DEMONYMS = frozenset(
    """American British English French German Russian Ukrainian Polish Italian Spanish Chinese Japanese
    European Eurasian Soviet Western Eastern Northern Southern Scottish Irish Welsh Dutch Swiss Swedish
    Norwegian Danish Finnish Greek Turkish Chechen Belarusian Crimean Jewish Christian Muslim Catholic
    Protestant Latin Arab Arabic Persian Israeli Iraqi Pakistani Nobel Communist Socialist Democratic
    Republican Allied Nazi Prussian Austrian Hungarian Czech Slovak Romanian Bulgarian Serbian Croatian
    Canadian Australian Mexican Brazilian Indian Korean Vietnamese Egyptian African Asian Georgian
    Lithuanian Latvian Estonian Moldovan Montenegrin""".split()
)
# A place and what its people or things are called, where one is not a prefix of the other
# ("Russia"/"Russian" is caught as such): "(British Agricultural Revolution)" gives "Britain" away.
DEMONYMS_OF = {
    "Britain": ("British", "Briton", "Britons"), "Great Britain": ("British",), "United Kingdom": ("British",),
    "England": ("English",), "France": ("French",), "Spain": ("Spanish", "Spaniard", "Spaniards"),
    "Poland": ("Polish", "Pole", "Poles"), "Netherlands": ("Dutch",), "Holland": ("Dutch",), "Wales": ("Welsh",),
    "Scotland": ("Scottish", "Scots"), "Ireland": ("Irish",), "Denmark": ("Danish", "Danes"), "Sweden": ("Swedish", "Swedes"),
    "Finland": ("Finnish", "Finns"), "Switzerland": ("Swiss",), "Turkey": ("Turkish", "Turks"), "Greece": ("Greek", "Greeks"),
    "China": ("Chinese",), "Japan": ("Japanese",), "Portugal": ("Portuguese",), "Norway": ("Norwegian", "Norwegians"),
    "Iceland": ("Icelandic", "Icelanders"), "Thailand": ("Thai",), "Cyprus": ("Cypriot",), "Peru": ("Peruvian",),
    "Vietnam": ("Vietnamese",), "Lebanon": ("Lebanese",), "Sudan": ("Sudanese",), "Malta": ("Maltese",),
    "Flanders": ("Flemish",), "Iraq": ("Iraqi", "Iraqis"), "Israel": ("Israeli", "Israelis"), "Pakistan": ("Pakistani",),
    "Czech Republic": ("Czech",), "Slovakia": ("Slovak",), "Arabia": ("Arab", "Arabs", "Arabic"),
    "United States": ("American", "Americans"), "United States of America": ("American", "Americans"),
}
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Secretary Assistant Deputy Chancellor General Colonel Admiral Senator
    Governor Mayor Chairman Director Chief King Queen Prince Princess Emperor Pope Bishop Sir Lord Lady
    Dame Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Professor Prof Prof. Saint Captain Commander Ambassador General
    Secretary-General Premier Tsar Czar Duke Duchess Count""".split()
)
# Heads of offices named "X of the Y" ("Keeper of the Privy Seal", "Master of the Rolls"), which are
# never a person's name; not title words, as some are surnames too ("Neville Chamberlain").
OFFICE_WORDS = frozenset("Keeper Master Speaker Clerk Comptroller Treasurer Warden Steward Chamberlain Marshal Lord".split())
# Function words: never a cloze gap, ignored when comparing sentences.
STOPWORDS = frozenset(
    """a an the and or but nor so yet of in on at to for from by with as into onto upon about above below
    over under after before during since until than then that this these those there here which who whom
    whose what when where why how is are was were be been being am has have had having do does did doing
    will would shall should can could may might must not no its it's it he she they them his her their
    our your my we you i me him us one some any all each every both either neither other another such
    own same very more most less least much many few several also only just even still already again
    further once ever never always often sometimes up down out off if while because although though whether
    though due per via including include includes included like unlike within without between among
    against toward towards across through throughout around near later early late eventually whom being
    said says say stated according made make makes take took taken get got set use used well back away""".split()
)

# Given names common in English-language encyclopedia text: a name that starts with one is a
# person's ("William Farr", "Benjamin Disraeli") even where no role word says so. Shapes alone
# ("Ghost Ship", "Class A", "Aruban Whiptail") are not enough to offer a name as a person.
GIVEN_NAMES = frozenset(
    """Aaron Abdul Abraham Ada Adam Adolf Adrian Ahmed Akira Al Alan Albert Alberto Alec Alejandro Aleksandr
    Alessandro Alex Alexander Alexandra Alexandre Alexei Alfred Ali Alice Alicia Alison Allen Alonso Amanda Amelia
    Amy Ana Anatoly Anders Andrea Andreas Andrei Andrew Andrés Andy Angela Angelo Ann Anna Anne Annie Anthony
    Antoine Anton Antonio Arnold Arthur Astrid August Augusta Augustus Barack Barbara Barry Beatrice Ben
    Benedict Benjamin Bernard Bernardo Bertrand Betty Bill Billy Bob Boris Brad Brian Bruce Bruno Buzz Carl
    Carla Carlo Carlos Carmen Carol Caroline Catherine Cecil Cecilia Charles Charlie Charlotte Chris
    Christian Christina Christine Christopher Claire Clara Claude Claudia Colin Constance Craig Cristina Daniel
    Daniela Danny David Deborah Denis Dennis Diana Diane Diego Dmitri Dmitry Dimitry Dolly Dominic Donald Doris
    Dorothy Douglas Duncan Ed Edgar Edith Edmund Edward Edwin Eleanor Elena Eli Elias Elisabeth Elizabeth Ella
    Ellen Emil Emile Emily Emma Emmanuel Enrico Eric Erich Erik Ernest Ernst Esther Eugene Eva Evelyn Ezra
    Fabio Felix Ferdinand Fernando Florence Francesca Francesco Francis Francisco Frank Franklin Franz
    Frederick Friedrich Gabriel Gabriela Gary George Georg Georges Gerald Gerard Gerhard Gertrude Giovanni
    Giuseppe Gordon Grace Graham Gregory Guido Gustav Guy Hannah Hans Harold Harriet Harry Hassan Heinrich
    Helen Helena Helmut Henri Henrik Henry Herbert Herman Hermann Hillary Howard Hugh Hugo Ian Igor Ilya Ingrid
    Irene Isaac Isabel Isabella Ivan Jack Jacob Jacques James Jan Jane Janet Jean Jeff Jeffrey Jennifer
    Jeremy Jerry Jessica Jim Jimmy Joan Joe Johann Johannes John Jon Jonathan Jorge José Josef Joseph
    Josephine Joshua Juan Judith Julia Julian Julie Julius Justin Karen Karl Kate Katherine Kathleen Keith
    Kenneth Kevin Konrad Kurt Larry Laura Lawrence Leo Leon Leonard Leonardo Leopold Lewis Lillian Linda
    Lisa Lorenzo Louis Louise Lucas Lucy Ludwig Luigi Luis Luke Lyndon Madeleine Magnus Malcolm Manuel
    Marcel Marco Marcus Margaret Maria Marie Mario Mark Martha Martin Mary Mathias Matilda Matthew Maurice Max
    Maximilian Melissa Michael Michel Michelle Miguel Mikhail Mildred Miriam Mohammed Muhammad Nancy Natalie
    Nathan Neil Nelson Nicholas Nicolas Nicola Nikita Nikolai Noel Norman Olga Oliver Olivia Omar Oscar
    Otto Pablo Pamela Patricia Patrick Paul Paula Pavel Pedro Peggy Peter Philip Philippe Pierre Pietro
    Rachel Rafael Ralph Ramón Raymond Rebecca Reginald Richard Rita Robert Roberto Roger Roland Ronald Rosa
    Rose Rosemary Ruth Ryan Sabine Sally Samuel Sandra Sara Sarah Scott Sean Sebastian Sergei Sergey
    Sharon Sidney Simon Sofia Sophia Sophie Stanley Stefan Stephanie Stephen Steve Steven Susan Sylvia
    Theodore Theresa Thomas Timothy Tom Tony Ulrich Ursula Valentina Valentin Vasily Victor Victoria
    Vincent Virginia Vladimir Walt Walter Wendy Werner Wilhelm William Willy Winston Wolfgang Yuri Yves
    Zachary""".split()
)
