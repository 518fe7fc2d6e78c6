"""Kinds of words of news English that tell what a capitalised name is, as data.

Used by resolve.py to weigh the evidence of all the mentions of a name in an article: class
nouns of products, shows, weapons and documents ("the Northgate LNG pipeline", "the Harbourside star",
"various Quillon models", "the Oslo accord"), heads of events, awards and plans ("the Marlow
Honors", "the Coastal Towns Recovery Strategy"), buildings and seats of power ("Lindqvist
Cottage"; "the Kremlin said"), titles of nobility that stand for one person ("the Duchess"),
verbs of saying that make a seat of power an organisation, nouns of a state acting ("the
Chinese government"). No name of a person, outlet or organisation is listed here.
"""
from __future__ import annotations


# Class nouns written after (or before) the name of a thing that is no actor.
THING_NOUNS = frozenset("""
pipeline pipelines app apps application platform platforms software model models chatbot chatbots feature features
tool tools browser device devices phone phones console consoles smartphone tablet laptop chip chips processor
show shows series sitcom drama dramas film films movie movies documentary blog blogs podcast podcasts album albums
song songs single novel novels book books memoir game games videogame franchise episode episodes season seasons
finale cast character characters star stars actress actor viewers fans brand brands label collection
missile missiles rocket rockets jet jets fighter fighters tank tanks drone drones warship warships submarine
vaccine vaccines drug drugs pill treatment
agreement agreements accord accords treaty treaties deal deals protocol pact framework strategy plan
rule rules law laws bill bills act regulation regulations report reports budget budgets
award awards prize prizes medal medals trophy honours honors gala ceremony
storm hurricane typhoon cyclone
""".split())
# Heads of names of events, awards, plans, programmes and documents ("the Ada Brenn Award for Service").
THING_HEADS = frozenset("""
Award Awards Prize Prizes Medal Medals Trophy Honors Honours Gala Ceremony Lecture
Strategy Plan Plans Framework Initiative Scheme Budget Report Agenda Roadmap Index
Policy Review Survey Census Deal Compact Pipeline Project Mission
Show Series Podcast Blog Album Festival Tournament Open Classic Derby Week Day Night Eve
""".split())
# Buildings and places a name ends in ("Lindqvist Cottage", "the Capitol"): a place, unless it speaks.
BUILDING_HEADS = frozenset("""Cottage Castle Palace Manor Tower Towers Capitol Street Square Mansion Estate
Farm Ranch Villa Cathedral Chapel Stadium Arena Gardens Bridge""".split())
# Verbs by which a seat of power speaks or acts for the people in it ("the Kremlin said").
SPEAK_VERBS = frozenset("""said says say told tells announced announces confirmed confirms denied denies insisted
insists added adds declined declines warned warns stated responded responds replied replies argued argues
rejected rejects dismissed dismisses welcomed welcomes condemned condemns urged urges called refused
refuses ordered decided decides""".split())
# Titles of nobility and royalty that stand alone for one person ("the Duchess", "the Duke").
NOBLE_TITLES = frozenset("""Prince Princess King Queen Duke Duchess Earl Countess Baron Baroness Lord Lady Sir Dame
Marquess Viscount Emperor Empress Sheikh Sultan Emir Crown""".split())
# After a surname: the person's generation ("Victor Okonjo Senior").
GENERATION = frozenset({"Senior", "Junior", "Sr.", "Jr.", "Sr", "Jr", "II", "III", "IV"})
# Nouns after a demonym that make the country itself act ("the Chinese government", "French troops").
STATE_NOUNS = frozenset("""government governments authorities authority officials official state ministry ministries
military army navy forces troops embassy diplomats diplomat leader leaders leadership president premier
administration regime cabinet parliament delegation negotiators prime minister ministers chancellor
ambassador envoy foreign defence defense finance interior justice king queen monarch police coast""".split())
# Party families named by their members or initials; the canonical name of the party.
PARTY_FORMS = {
    "republicans": "Republican Party", "republican": "Republican Party", "gop": "Republican Party",
    "democrats": "Democratic Party", "democratic": "Democratic Party", "democrat": "Democratic Party",
    "conservatives": "Conservative Party", "tories": "Conservative Party", "tory": "Conservative Party",
    "liberal democrats": "Liberal Democrats", "lib dems": "Liberal Democrats",
}
# Determiners and quantities before a crowd ("hundreds of protesters").
CROWD_QUANT = r"(?:[Hh]undreds|[Tt]housands|[Dd]ozens|[Ss]cores|[Mm]illions|[Tt]ens of thousands)"
# Lower-case collective nouns that act or speak for an institution or a crowd.
COLLECTIVE_HEADS = ("prosecutors|investigators|officials|authorities|protesters|protestors|demonstrators|"
                    "regulators|inspectors|firefighters|paramedics|rescuers|"
                    "troops|guards|judges|jurors|strikers|campaigners|activists|meteorologists|forecasters")
# Adjectives of a people written before a name ("the largely Black Millbrook").
PEOPLE_ADJECTIVES = frozenset("""Black Indigenous Native Aboriginal Hispanic Latino Latina Jewish Muslim
Catholic Christian Protestant Hindu Sikh Arab Asian""".split())
# Seats of power whose names stand for the government in them when they speak ("the Kremlin said").
SEATS_OF_POWER = frozenset({"Kremlin", "White House", "Downing Street", "Number 10", "No 10", "No. 10", "Elysée",
                            "Elysee", "Pentagon", "Zhongnanhai", "Blue House", "Chancellery", "Vatican", "Holy See",
                            "Quai d'Orsay", "Foggy Bottom", "Whitehall"})
