"""Word tables for :mod:`.grouping`: what carries no approach meaning, what means the same.

Kept apart from the algorithm so the tables can grow without the method getting harder to read.
Entries are written as people type them; :mod:`.grouping` stems them once at import time.
They are general office-AI vocabulary, not a list of known approaches: grouping has to work on
phrasings nobody wrote down here.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words, pronouns and fillers.
STOPWORDS = _words(
    """
    a an the it its itself to for of in on at as with into onto from by about and or but nor so
    then first again also just only even still instead rather than too very really more most less
    i me my we us our you your they them their he she his her this that these those there here
    is are be been being am do does some any each every per what which who whom whose how when
    where why whether if up out down over off away back like such other another own same
    can could will would shall should may might must
    please way thing things stuff bit lot chat chatbot conversation window message ai llm model
    bot assistant tool one's everything something anything straight directly exactly actually
    before after beforehand afterwards front upfront properly
    nothing else
    """
)

# Verbs of asking, giving and producing: every attempt is "asked it to ..." or "gave it ...",
# so these say nothing about which approach was taken.
GENERIC_VERBS = _words(
    """
    ask request tell say instruct want need let have get make try attempt use go do
    give provide show feed send share supply include add paste copy upload attach drag put
    pass dump enter type insert throw hand bring
    return output produce generate create print spit come format write rewrite prompt
    see look keep start begin end set switch run specify mention describe state
    """
)

# Irregular verb forms -> base form (the suffix stemmer handles the regular ones).
IRREGULAR = {
    "gave": "give", "given": "give", "told": "tell", "said": "say", "wrote": "write",
    "written": "write", "rewrote": "rewrite", "rewritten": "rewrite", "broke": "break",
    "broken": "break", "ran": "run", "made": "make", "got": "get", "gotten": "get",
    "took": "take", "taken": "take", "sent": "send", "shown": "show", "fed": "feed",
    "left": "leave", "kept": "keep", "found": "find", "began": "begin", "begun": "begin",
    "chose": "choose", "chosen": "choose", "drew": "draw", "drawn": "draw", "threw": "throw",
    "thrown": "throw", "spoke": "speak", "spoken": "speak", "did": "do", "done": "do",
    "went": "go", "gone": "go", "had": "have", "has": "have", "was": "be", "were": "be",
    "brought": "bring", "thought": "think", "taught": "teach", "sought": "seek",
    "understood": "understand", "built": "build", "spent": "spend", "meant": "mean",
    "led": "lead", "felt": "feel", "held": "hold", "knew": "know", "known": "know",
    "saw": "see", "seen": "see", "came": "come", "forgot": "forget", "forgotten": "forget",
    "hid": "hide", "hidden": "hide", "used": "use", "better": "good", "best": "good",
    "worse": "bad",
}

# Concepts of office AI work: canonical token -> words that mean the same in an attempt.
# General vocabulary (written as a lexicon, not from any one problem type); inflections are
# handled by the stemmer, so list base forms plus the odd form the stemmer gets wrong.
CONCEPTS = {
    "whole": "entire full complete all everything",
    "raw": "unprocessed unedited untouched original unformatted uncleaned",
    "json": "", "csv": "", "tsv": "", "xml": "", "yaml": "yml", "html": "",
    "markdown": "md", "pdf": "", "ocr": "",
    "example": "sample demo exemplar illustration",
    "definition": "define description meaning",
    "part": "partial subset fragment",
    "split": "chunk break divide segment piece portion splitting chunked",
    "summary": "summarise summarize summarisation summarization summarised summarized tldr "
    "recap overview synopsis digest gist",
    "image": "screenshot picture photo png jpg jpeg snapshot",
    "column": "header heading field",
    "row": "record entry",
    "error": "exception traceback",
    "schema": "ddl",
    "bullet": "bulleted",
    "short": "shorter brief briefer concise succinct terse shorten condense trim tighten compact",
    "limit": "max maximum cap limited",
    "formal": "", "casual": "informal relaxed conversational chatty",
    "persona": "role roleplay character",
    "audience": "reader readership recipient stakeholder",
    "cite": "citation source reference footnote ref bibliography",
    "quote": "quotation verbatim excerpt",
    "paraphrase": "rephrase reword",
    "invent": "hallucinate fabricate fake guess assume speculate",
    "verify": "check validate confirm proofread crosscheck doublecheck",
    "explain": "explanation clarify justify",
    "translate": "translation",
    "localise": "localize localisation localization adapt",
    "glossary": "termbase terminology vocabulary lexicon dictionary",
    "dedupe": "deduplicate duplicate dupe dedup",
    "regex": "regexp",
    "template": "boilerplate skeleton scaffold",
    "rule": "instruction guideline checklist guide convention criteria criterion requirement "
    "constraint spec specification",
    "security": "vulnerability exploit injection",
    "document": "doc file report manuscript",
    "paper": "article study publication",
    "past": "previous old earlier prior historical",
    "tone": "style voice",
    "policy": "terms conditions",
    "draft": "version variant alternative option iteration revision",
    "diff": "patch changeset",
    "severity": "serious severe priority critical importance",
    "rank": "sort order prioritise prioritize",
    "claim": "statement fact point assertion",
    "task": "todo action deliverable assignment",
    "owner": "assignee responsible",
    "deadline": "due",
    "decision": "decide conclusion resolution",
    "topic": "subject theme",
    "transcript": "transcription captions",
    "search": "browse browsing web internet online",
    "code": "script program notebook macro snippet",
    "clean": "tidy cleanup normalise normalize standardise standardize",
    "remove": "delete drop strip eliminate exclude omit skip",
    "flag": "highlight mark emphasise emphasize",
    "extract": "pull scrape grab",
    "group": "organise organize categorise categorize cluster bucket classify arrange",
    "compare": "comparison contrast",
    "test": "trial evaluate benchmark",
    "case": "ticket scenario",
    "library": "repository repo collection",
    "placeholder": "variable slot blank",
    "context": "background",
    "stepwise": "",
    "confidence": "certainty certain sure unsure uncertain",
    # Not "not": the stemmer makes that of "notes" and "noted".
    "negation": "not no never without none",
}
NEGATION = "negation"
SYNONYMS = {
    word: concept for concept, more in CONCEPTS.items() for word in (concept, *more.split())
}
# Units with more than one name ("per speaker" is "per person").
UNIT_ALIASES = {
    "chapter": "section", "speaker": "person", "people": "person", "attendee": "person",
    "participant": "person", "file": "document", "doc": "document", "subject": "topic",
    "theme": "topic", "record": "row", "entry": "row", "chunk": "batch",
}

# What a wording says was given, for the "given" veto: only names (a token the phrase rules
# write for "just the category names", "the label list"), definitions, examples. Giving only
# the names is not giving definitions or examples, however alike the rest of the wording is.
GIVEN = {"namelist": "names", "definition": "definition", "example": "example"}
# Tokens whose presence is an approach: a wording with one is never grouped with one without
# ("checked every link" is not "asked for links"; "answer only from the documents" is not
# "gave it the documents").
PRESENCE = _words("verify restrict")
# How much of the input was given: the whole of it, or part (the first rows, a sample of it).
SCOPE = _words("whole part")
# Tokens the phrase rules write, as a page shows them among the words a group shares.
READABLE = {"namelist": "only the names", "stepwise": "step by step", "0": "none",
            NEGATION: "not", "per_one": "one at a time", "per_batch": "in batches"}
# Things that are named, listed or labelled ("the category names", "the label list").
_NAMED = (r"(?:categor(?:y|ies)|labels?|class(?:es)?|tags?|buckets?|themes?|topics?|columns?"
          r"|fields?)")

# Discriminative tokens by class. Two wordings that both name something from the same class,
# but nothing in common, never group: asking for JSON is not asking for CSV.
FORMATS = _words("json csv tsv xml yaml html markdown")
REGISTERS = _words("formal casual")
LANGUAGES = _words(
    """
    english german french spanish italian portuguese dutch polish swedish danish norwegian
    finnish japanese chinese mandarin korean arabic hindi turkish russian ukrainian greek
    """
)
# Concepts that say what an attempt is about: two wordings that each name one the other lacks
# ("a summary per person" / "the to-dos per person", "cite a source" / "quote it") are about
# different things, however much else they share. Not those the other classes judge (formats,
# register, how much of the input, what was given, negation), nor "document", which any input is.
TOPICAL = frozenset(CONCEPTS) - FORMATS - REGISTERS - frozenset(
    {"whole", "part", "split", "example", "definition", NEGATION, "document"}
)
# Named tools and models (after phrase joining, see PHRASES in grouping.py).
TOOLS = _words(
    """
    chatgpt gpt gpt4 gpt4o gpt35 gpt5 o1 o3 claude gemini bard copilot perplexity deepl
    googletranslate llama mistral otter notebooklm tabula camelot pdfplumber textract tesseract
    acrobat excel googlesheets powerquery powerbi vlookup xlookup indexmatch postgres mysql
    sqlite tsql mssql bigquery snowflake oracle teams zoom slack outlook gmail jira confluence
    notion github gitlab googlescholar zapier
    """
)
# Units a task can be split into; "per page" / "page by page" / "one page at a time" all become
# the single token ``per_page``, a discriminative class of its own.
UNITS = sorted(_words(
    """
    page table section chapter paragraph sentence row record entry line column file doc
    document sheet slide email chunk batch speaker person people attendee participant topic
    subject theme item question function class module
    """
))
# Common acronyms that are vocabulary, not names, when capitalised.
ACRONYMS = _words("sql pr api ui url id faq ai llm kpi csv json pdf")
# Words that mean "two or more" when counting (examples, drafts, versions).
SEVERAL = _words("few several multiple couple handful")
NUMBER_WORDS = {
    "zero": "0", "one": "1", "single": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
    "twelve": "12", "twenty": "20", "fifty": "50", "hundred": "100",
} | dict.fromkeys(SEVERAL, "several")

_UNIT = "|".join(UNITS)
# Phrase rules, applied in order to the casefolded wording before it is split into words:
# they join names ("GPT-4" -> gpt4), turn idioms into tokens ("page by page" -> per_page,
# "one-shot" -> "1 example") and cut what names the road not taken ("instead of JSON").
PHRASES: list[tuple[str, str]] = [
    (r"[\u2018\u2019`\u00b4]", "'"),
    # "asked for CSV instead of JSON": what follows names what was not done.
    (r"\b(?:instead\s+of|rather\s+than)(?:\s+[^\s,;:.()]+){1,5}", " "),
    # Saying it does not know is admitting uncertainty, not a negation of the approach.
    (r"\b(?:do|does|did)(?:n'?t|\s+not)\s+know\b", " unsure "),
    # "leave out the emojis" is "without the emojis".
    (r"\b(?:leave|leaves|leaving|left)\s+out\b", " without "),
    (r"\bto[\s-]?dos?\b", " task "),
    (r"\b(example|sample|demo)s?[\s-]free\b", r" 0 \1 "),
    (r"\b(ca|wo)n'?t\b", r"\1 not"),
    (r"n't\b", " not"),
    (r"'(?:s|d|ve|re|ll|m)\b", " "),
    (r"\bgpt[\s-]?(\d)(?:\.(\d))?(o?)\b", r" gpt\1\2\3 "),
    (r"\bgoogle\s+(sheets|scholar|translate)\b", r" google\1 "),
    (r"\bpower\s+(query|bi)\b", r" power\1 "),
    (r"\bindex\s*[/&+-]?\s*match\b", " indexmatch "),
    (r"\bt-?sql\b|\bsql\s+server\b", " tsql "),
    (r"\bpostgre(?:s|sql)\b", " postgres "),
    (r"\bcomma[\s-]separated(?:\s+values?)?\b", " csv "),
    (r"\btab[\s-]separated(?:\s+values?)?\b", " tsv "),
    (r"\bregular\s+expressions?\b", " regex "),
    (r"\btl;?\s?dr\b", " summary "),
    # "non-lawyers" are not lawyers: one token.
    (r"\bnon[\s-]([a-z])", r" non\1"),
    (r"\bexactly\s+as\s+(?:\w+\s+)?(?:wrote|written|typed|sent|said|gave)\b", " verbatim "),
    (r"\bstack\s*traces?\b", " error "),
    (r"\bcreate\s+table\b", " schema "),
    (r"\bbullet[\s-]*points?\b", " bullet "),
    (r"\bchain[\s-]of[\s-]thought\b|\bstep[\s-]by[\s-]step\b", " stepwise "),
    (r"\b(?:act|acting|acted)\s+as\b|\bpretend(?:ed)?\s+to\s+be\b|\byou\s+are\s+an?\b",
     " persona "),
    (r"\bma(?:ke|de|king)[\s-]+(?:\w+\s+)?up\b", " invent "),
    (r"\bwalk(?:ed|s)?\s+(?:me\s+|us\s+)?through\b", " explain "),
    # Only the names of what to sort into: "just the category names", "the label list".
    (rf"\b(?:just|only)\s+(?:the\s+|a\s+)?(?:list\s+of\s+(?:the\s+)?)?({_NAMED})"
     r"(?:\s+(?:names?|list))?\b", r" \1 namelist "),
    (rf"\b({_NAMED})\s+(?:names|list)\b", r" \1 namelist "),
    (rf"\blist\s+of\s+(?:the\s+)?({_NAMED})\b", r" \1 namelist "),
    # Part of the input, not all of it: "the first 20 rows", "a sample of the tickets".
    (rf"\b(?:the\s+)?(?:first|top|last)\s+(?:(?:\d+|few|several|couple(?:\s+of)?|ten|twenty"
     rf"|fifty|hundred)\s+|(?=(?:{_UNIT})s?\b))", " part "),
    (r"\b(?:an?\s+)?(?:sample|section|part|portion|subset|slice|excerpt)\s+of\b", " part "),
    (r"\b(?:in\s+one\s+go|(?:all\s+)?at\s+once"
     r"|in(?:to)?\s+(?:a\s+single|one)\s+(?:prompt|pass|message))\b", " whole "),
    (r"\bchanged\s+lines\b", " diff "),
    # Keeping to the given material: "answer only from the documents", "nothing but the policy".
    (r"\b(?:only|solely|exclusively|just|strictly)\s+(?:from|on|us(?:e|ing)|based\s+on)\b"
     r"|\bnothing\s+but\b|\bstick(?:ing)?\s+to\b", " restrict "),
    (r"\b(?:under|below|at\s+most|no\s+more\s+than|up\s+to)\s+(?=\d)", " limit "),
    (rf"\b({_UNIT})s?[\s-]+by[\s-]+\1s?\b", r" per_\1 "),
    (rf"\b({_UNIT})s?[\s-]wise\b", r" per_\1 "),
    (rf"\b(?:each|every|per|by|individual|separate)\s+({_UNIT})s?"
     r"(?:\s+at\s+a\s+time)?\b", r" per_\1 "),
    (rf"\b(?:one|a|a\s+single)\s+({_UNIT})\s+at\s+a\s+time\b", r" per_\1 "),
    # One word may qualify the unit: "each agenda item", "every single page".
    (rf"\b(?:each|every|per)\s+[a-z]+\s+({_UNIT})s?\b", r" per_\1 "),
    (rf"\b({_UNIT})s?\s+(?:one\s+)?at\s+a\s+time\b", r" per_\1 "),
    (rf"\bin\s+(?:(?:small|smaller|\d+)\s+)?({_UNIT})e?s\b", r" per_\1 "),
    (rf"\binto\s+(?:separate\s+|individual\s+|single\s+)?({_UNIT})s\b", r" per_\1 "),
    # One item at a time (no unit named) and in batches are two ways of splitting the input.
    (r"\b(?:one\s+(?:by\s+one|at\s+a\s+time)|individually|separately|on\s+(?:its|their)\s+own)\b",
     " per_one "),
    (r"\bbatch(?:ed|ing)?\b|\bin\s+groups\s+of\b|\bper\s+(?:request|prompt|message|call)\b",
     " per_batch "),
    (r"\b(?:each|every|which|this|that|the)\s+one\b", " "),
    (r"\b(?:zero|0)[\s-]?shot\b", " 0 example "),
    (r"\b(?:one|1|single)[\s-]?shot\b", " 1 example "),
    (r"\bfew[\s-]?shot\b", " several example "),
    (r"\b(?:no|without(?:\s+any)?|zero)\s+(example|sample|demo)s?\b", r" 0 \1 "),
    (r"\b(?:an?|a\s+single)\s+(example|sample|demo)\b", r" 1 \1 "),
    (r"\b(?:a\s+)?(?:couple|handful)\s+of\b", " several "),
    (r"\ba\s+few\b", " several "),
]
