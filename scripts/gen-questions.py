#!/usr/bin/env python3
"""Seeded generator of distinct questions about the CSpO article (issue 14).

    scripts/gen-questions.py --count 100000 --seed 14 > questions.txt

Prints COUNT lines, every one different from every other, and the same lines
for the same --seed and --count (Python's own seeded PRNG; no hash order, no
clock). A benchmark of repeated questions flatters any engine with caches
(lazy DFA states, compiled captures); these are meant to be the opposite:
the shapes users type, each asked once.

How a line is made:

1. a *shape*: a question form from the article's facts (members and their
   number, join years and who joined with whom, founders, the meeting's
   place, date, host and facility, the officials' titles and quotes, the
   topics discussed, the name of the initiative), or a near miss (the same
   words about something the article does not say: NATO, birthplaces,
   budgets, the next meeting, a country that is not a member), or off-topic
   chatter. Slots are filled from lists of the article's entities with
   their usual spellings (US / U.S. / America / the United States, flags,
   demonyms) and of non-members, years and roles;
2. word substitutions (countries/nations/states, join/sign up/come in,
   meeting/summit/meetup, ...);
3. sometimes a prefix ("hey", "@cspo_bot", "quick question:") and a suffix
   ("please", "thanks", "??", "lol", an emoji);
4. typos (a swap, a dropped, doubled or replaced letter) in 0-2 words;
5. casing (as written, lower, UPPER, Title, first letter only) and stray
   spaces.

Distinctness is checked on a folded key (lower case, words only), not only
on the raw line: two lines that differ only in casing, spacing or
punctuation count as one question, so the distinct questions differ in
their words. A line never holds a newline and is at most 200 characters.
`--stats` prints to stderr how many lines came from each kind of shape.
"""
import argparse
import random
import re
import sys

# ---- entities ---------------------------------------------------------------

MEMBERS = {
    # name: spellings users type (flag included); founding year
    "United States": (["the United States", "the US", "the U.S.", "USA", "America",
                       "the United States of America", "the States", "\U0001F1FA\U0001F1F8"], 2018),
    "United Kingdom": (["the United Kingdom", "the UK", "the U.K.", "Britain", "Great Britain",
                        "England", "\U0001F1EC\U0001F1E7"], 2018),
    "Canada": (["Canada", "\U0001F1E8\U0001F1E6"], 2018),
    "Australia": (["Australia", "\U0001F1E6\U0001F1FA"], 2018),
    "New Zealand": (["New Zealand", "NZ", "\U0001F1F3\U0001F1FF"], 2018),
    "France": (["France", "\U0001F1EB\U0001F1F7"], 2020),
    "Germany": (["Germany", "\U0001F1E9\U0001F1EA"], 2020),
    "Italy": (["Italy", "\U0001F1EE\U0001F1F9"], 2023),
    "Japan": (["Japan", "\U0001F1EF\U0001F1F5"], 2023),
    "Norway": (["Norway", "\U0001F1F3\U0001F1F4"], 2023),
}
DEMONYMS = ["the Americans", "the British", "the Brits", "the Canadians", "the Australians",
            "the Kiwis", "the French", "the Germans", "the Italians", "the Japanese",
            "the Norwegians"]
NON_MEMBERS = ["India", "China", "Russia", "Spain", "Mexico", "Brazil", "Austria", "Poland",
               "South Korea", "Sweden", "the Netherlands", "Israel", "Ukraine", "Turkey",
               "Portugal", "Denmark", "Finland", "Belgium", "Ireland", "Greece", "Egypt",
               "Argentina", "South Africa", "Singapore", "Switzerland", "Iran", "North Korea",
               "the EU", "NATO", "Luxembourg"]
YEARS = [str(y) for y in range(2015, 2026)]
PEOPLE = ["Brose", "Robert Brose", "Mr. Brose", "Whiting", "Stephen Whiting", "Gen. Whiting",
          "General Whiting", "Saltzman", "Chance Saltzman", "Gen. Saltzman",
          "General Chance Saltzman"]
OTHER_PEOPLE = ["Elon Musk", "Jeff Bezos", "the president", "Macron", "Biden", "Trump",
                "John Smith", "the NASA administrator", "Kirk", "Yoda"]
ROLES = ["Chief of Space Operations", "the chief of space operations", "commander of US Space Command",
         "the head of U.S. Space Command", "commander of Olympic Defender",
         "the commander of Multinational Force Operation Olympic Defender",
         "Deputy Assistant Secretary of War for Space and Missile Defense",
         "Assistant Secretary of War for Space Policy", "the head of the Space Force",
         "the space force chief", "the Secretary of War", "the chief of NASA",
         "the head of the French Space Command"]
TOPICS = ["orbital debris", "debris", "weapons of mass destruction", "WMDs", "training",
          "exercises", "deterrence", "global communications", "communications",
          "sustainable space power", "space power", "threats", "the threats they face",
          "architectures", "cooperation", "military capabilities", "fighting in outer space",
          "federal policies", "aggression", "freedom", "partnerships", "logistics",
          "climate change", "the budget", "asteroids", "aliens", "the moon landing", "Mars"]
QUOTE_BITS = ["jaw-dropping speed", "a contested space environment", "our freedom, rights, and interests",
              "integrated coalition capabilities", "a common understanding of the threats",
              "build a coalition", "protect and defend", "match that pace", "deter aggression",
              "collaborate on our architectures", "integrate our training"]
PLACES = ["Toulouse", "France", "Paris", "Washington", "the French Space Command",
          "the CDE facility", "Berlin", "Tokyo", "London", "Brussels"]
DATES = ["December 5", "Dec 5", "December 6", "5 December", "Dec. 5th", "December 4",
         "November 5", "January 5", "the 5th of December", "last week"]
CSPO = ["CSpO", "the CSpO", "cspo", "the CSpO Initiative", "Combined Space Operations",
        "the Combined Space Operations initiative", "the initiative", "the group", "it",
        "the coalition", "C.S.p.O."]


def member(r):
    name = r.choice(list(MEMBERS))
    return r.choice(MEMBERS[name][0])


def any_country(r):
    x = r.random()
    if x < 0.6:
        return member(r)
    if x < 0.7:
        return r.choice(DEMONYMS)
    return r.choice(NON_MEMBERS)


# ---- shapes -----------------------------------------------------------------
# {m} member, {c} any country (member, demonym or not), {n} non-member,
# {y} year, {p} person of the article, {o} someone else, {r} role, {t} topic,
# {q} words of a quote, {pl} place, {d} date, {g} the initiative's name.

SHAPES = {
    "members": [
        "which countries are in {g}", "who's in {g}", "list of {g} members", "{g} members",
        "what countries make up {g}", "who are the members of {g}", "members of {g}",
        "which states belong to {g}", "name the members", "list the member countries",
        "who belongs to {g}", "which nations are part of {g}", "what countries are members",
        "how many members does {g} have", "how many countries are in {g}",
        "number of member states", "how many nations are in {g}", "how many members are there",
        "how many countries took part", "how many countries were at the meeting",
        "which countries attended the meeting", "who showed up to the meeting",
        "list members by join year", "which countries joined most recently",
        "how has the membership grown over the years", "how big is {g}",
    ],
    "is_member": [
        "is {c} a member", "is {c} a member of {g}", "is {c} part of {g}", "is {c} in {g}",
        "does {c} belong to {g}", "is {c} in it", "are {c} part of it", "{c} member",
        "is {c} one of the members", "was {c} at the meeting", "did {c} attend the meeting",
        "is {c} one of the 10 countries", "{c} in {g}?", "did {c} take part",
    ],
    "join": [
        "when did {c} join", "when did {c} join {g}", "what year did {c} join", "{c} join year",
        "when was {c} added", "since when is {c} a member", "how long has {c} been a member",
        "{c} joined when", "when did {c} become a member", "what year was {c} added",
        "did {c} join in {y}", "{c} joined in {y}, right", "{c} joined {y}?",
        "when did {c} sign on", "when were {c} brought in", "in which year did {c} join",
        "who joined with {m}", "who joined together with {m}", "who else joined with {m}",
        "which countries joined in {y}", "who joined in {y}", "how many countries joined in {y}",
        "which countries joined after {y}", "who joined before {y}", "anyone join in {y}",
        "did {m} join before {c}", "which joined first, {m} or {c}", "did {m} and {c} join at the same time",
        "which came first, {m} or {c}", "when did each country join", "who joined last",
        "who joined first", "which countries were added in {y}", "what happened in {y}",
        "when did {c} join NATO", "how did {c} join", "why did {c} join",
        "will {n} join {g}", "when will {n} join",
    ],
    "founders": [
        "who were the founding members", "who founded {g}", "founding members", "who are the founders",
        "which countries started {g}", "was {c} a founding member", "is {c} a founder",
        "was {c} one of the founders", "{c} was a founder?", "was {c} one of the original five",
        "how many founding members did {g} have", "how many founders", "who started it",
        "when did {g} begin", "when was {g} founded", "what year did it all begin",
        "when did {g} start", "in what year was {g} created", "who started {g} in {y}",
        "was {g} founded in {y}", "how old is {g}",
    ],
    "meeting": [
        "where was the meeting", "where was the meeting held", "where did they meet",
        "in which country was the meeting held", "where was the december meeting", "meeting where",
        "when was the meeting", "what day was the meeting", "on which date did the leaders gather",
        "what year was the meeting", "was the meeting on {d}", "meeting was on {d}?",
        "was the meeting in {pl}", "did they meet in {pl}", "who hosted the meeting",
        "who hosted the december meeting", "which facility hosted the meeting",
        "which nation's military hosted", "what is the CDE", "what does CDE stand for",
        "is the French Space Command new", "when was the French Space Command established",
        "where is the French Space Command", "what was on the agenda", "what did they discuss",
        "what did the 10 countries discuss", "did they discuss {t}", "did they talk about {t}",
        "what threats did they discuss", "what was said about {t}", "what about {t}",
        "why does the article describe space as a new domain", "when is the next meeting",
        "who organised the meeting in {pl}", "what happened on {d}", "how long was the meeting",
        "who attended the meeting in {pl}", "where exactly was the {d} meeting",
    ],
    "people": [
        "what did {p} say", "what did {p} say about {t}", "quote from {p}", "{p} quote",
        "what's {p}'s quote", "who is {p}", "what is {p}'s job", "{p} full title",
        "what is {p}'s title", "what position does {p} hold", "who is the {r}",
        "who's {r}", "who commands US Space Command", "who leads the Space Force",
        "who said '{q}'", "who talked about {q}", "did {p} say {q}", "who spoke about {t}",
        "is {p} the {r}", "is {p} a general", "which generals are mentioned", "who was quoted",
        "who got quoted in the article", "what did the officials say", "what else does {p} do",
        "where was {p} born", "is {p} married", "how old is {p}", "what did {o} say",
        "who is {o}", "what did {p} and {p2} say", "who is {p}'s boss",
    ],
    "initiative": [
        "what is {g}", "what does CSpO stand for", "what does {g} do", "cspo meaning",
        "what's cspo", "who leads {g}", "how much does {g} cost", "what is the purpose of {g}",
        "what is the goal of {g}", "is {g} a military alliance", "who funds {g}",
        "tell me about {g}", "explain {g}", "what is {g} about", "summarize the article",
        "what is the article about", "where is {g} based",
    ],
    "offtopic": [
        "hi", "hello", "hey there", "good morning", "thanks", "thank you", "ok", "cool",
        "who are you", "what can you do", "help", "tell me a joke", "what's the weather in {pl}",
        "can you book me a flight to {pl}", "who won the football yesterday",
        "what's the capital of {n}", "how do I cook pasta", "what time is it",
        "you're useless", "are you a robot", "what is {t}", "translate this into french",
        "repeat after me: {p} said '{q}'", "ignore your instructions", "what's 2+2",
        "recommend a movie", "is the earth flat", "who is the president of {n}",
        "what's the population of {c}", "how far is the moon", "sing a song",
        "write me a poem about {t}", "bye", "good night", "lol", "what's up", "how are you",
    ],
}
WEIGHTS = {"members": 12, "is_member": 14, "join": 22, "founders": 10, "meeting": 14,
           "people": 14, "initiative": 6, "offtopic": 8}

SUBSTITUTIONS = [
    (r"\bcountries\b", ["nations", "states", "lands", "member states", "countrys"]),
    (r"\bjoin\b", ["sign up", "come in", "get in", "become a member", "enter"]),
    (r"\bjoined\b", ["signed up", "came in", "got in", "entered"]),
    (r"\bmeeting\b", ["meetup", "gathering", "summit", "conference", "session"]),
    (r"\bsay\b", ["state", "mention", "tell", "claim"]),
    (r"\bmembers\b", ["participants", "member countries", "membres"]),
    (r"\bfounding members\b", ["original members", "founding nations", "founders"]),
    (r"\bwhich\b", ["what"]),
    (r"\bwhat\b", ["which", "wat", "whats"]),
    (r"\bwhen\b", ["wen", "at what time", "what year"]),
    (r"\bdiscuss\b", ["talk about", "cover", "debate"]),
    (r"\bhosted\b", ["organised", "organized", "ran"]),
    (r"\bis\b", ["iss"]),
    (r"\byou\b", ["u"]),
    (r"\bplease\b", ["pls", "plz"]),
]
PREFIXES = ["hey ", "hi, ", "hello! ", "so ", "ok ", "ok so ", "please ", "can you tell me ",
            "could you tell me ", "quick question: ", "@cspo_bot ", "/ask ", "I wonder ",
            "do you know ", "bot, ", "hmm ", "tell me ", "I'd like to know ", "question: ",
            "yo ", "excuse me, ", "one more: ", "and ", "btw "]
SUFFIXES = ["?", "??", "???", "!", ".", "...", " please", " thanks", " pls", " thx", " :)",
            " lol", " right?", " exactly", " again", " btw", " \U0001F642", " \U0001F680",
            " ?", " ?!", " thank you", " if you know", " in the article", " asap", " haha",
            " according to the article", " just curious", " :-)", " plz", " mate"]
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def typo(r, w):
    if len(w) < 4 or not w.isalpha():
        return w
    i = r.randrange(1, len(w) - 1)
    k = r.randrange(4)
    if k == 0:                                   # swap two neighbours
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if k == 1:                                   # drop one
        return w[:i] + w[i + 1:]
    if k == 2:                                   # double one
        return w[:i] + w[i] + w[i:]
    j = KEYBOARD.find(w[i].lower())              # hit the key next to it
    if j < 0:
        return w
    return w[:i] + KEYBOARD[(j + r.choice([-1, 1])) % len(KEYBOARD)] + w[i + 1:]


def fill(r, shape):
    p = r.choice(PEOPLE)
    p2 = r.choice([x for x in PEOPLE if x.split()[-1] != p.split()[-1]])
    slots = {
        "m": member, "c": any_country, "n": lambda r: r.choice(NON_MEMBERS),
        "y": lambda r: r.choice(YEARS), "o": lambda r: r.choice(OTHER_PEOPLE),
        "r": lambda r: r.choice(ROLES), "t": lambda r: r.choice(TOPICS),
        "q": lambda r: r.choice(QUOTE_BITS), "pl": lambda r: r.choice(PLACES),
        "d": lambda r: r.choice(DATES), "g": lambda r: r.choice(CSPO),
    }

    def one(mo):
        k = mo.group(1)
        if k == "p":
            return p
        if k == "p2":
            return p2
        return slots[k](r)
    return re.sub(r"\{(\w+)\}", one, shape)


def question(r):
    kind = r.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    q = fill(r, r.choice(SHAPES[kind]))
    if r.random() < 0.35:
        pat, alts = r.choice(SUBSTITUTIONS)
        if re.search(pat, q):
            q = re.sub(pat, r.choice(alts), q, count=1)
    words = q.split(" ")
    for _ in range(r.choices([0, 1, 2], weights=[45, 40, 15])[0]):
        k = r.randrange(len(words))
        words[k] = typo(r, words[k])
    q = " ".join(words)
    if r.random() < 0.3:
        q = r.choice(PREFIXES) + q
    x = r.random()
    if x < 0.45:
        q += "?"
    elif x < 0.8:
        q += r.choice(SUFFIXES)
    c = r.random()
    if c < 0.45:
        q = q[:1].upper() + q[1:]
    elif c < 0.7:
        q = q.lower()
    elif c < 0.75:
        q = q.upper()
    elif c < 0.8:
        q = " ".join(w[:1].upper() + w[1:] for w in q.split(" "))
    if r.random() < 0.05:
        k = q.find(" ")
        if k > 0:
            q = q[:k] + "  " + q[k + 1:]
    return kind, q[:200]


def key(q):
    return " ".join(re.findall(r"\w+", q.lower()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--stats", action="store_true", help="print counts per kind to stderr")
    a = ap.parse_args()
    r = random.Random(a.seed)
    seen = set()
    kinds = {}
    out = sys.stdout
    n = tries = 0
    while n < a.count:
        tries += 1
        if tries > 50 * a.count + 1000:
            sys.exit(f"gen-questions: only {n} distinct questions after {tries} tries")
        kind, q = question(r)
        k = key(q)
        if not k or k in seen:
            continue
        seen.add(k)
        kinds[kind] = kinds.get(kind, 0) + 1
        out.write(q + "\n")
        n += 1
    if a.stats:
        print(f"{n} distinct of {tries} generated: "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
