"""Demo sources, event series, events (with participants and citations) and statements.

Sources are referred to by their seed number ("000"–"004"). Citations are (source, note,
conflicts) tuples: `conflicts=True` marks a report whose account differs from the others cited.
"""

from __future__ import annotations

# key -> source fields. None of the five articles gives its URL.
SOURCES: dict[str, dict] = {
    "000": {
        "title": "Seoul–Beijing ministerial talks expected to focus on cultural exchanges",
        "outlet": "the-korea-herald",
        "authors": ["jung-min-kyung"],
        "byline": "Jung Min-kyung",
        "published_on": "2026-01-22",
        "kind": "news",
        "summary": "Cho Hyun tells a cabinet meeting that foreign ministers' talks with Wang Yi "
        "are agreed for January–March; observers see them as a test of any easing "
        "of the “Hallyu ban”.",
    },
    "001": {
        "title": "Lee says Seoul and Beijing will hold working-level consultations on "
        "cultural restrictions",
        "outlet": "allycaral",
        "outlet_note": "International Desk",
        "authors": ["tanisha-cardozo"],
        "byline": "Tanisha Cardozo",
        "published_on": "2026-01",
        "kind": "news",
        "summary": "Speaking in Shanghai, Lee says both sides will hold working-level talks on "
        "China's unofficial limits on Korean cultural content.",
    },
    "002": {
        "title": "Lee, Xi agree to thaw cultural ties with gradual reopening: presidential office",
        "outlet": "diplomat-daily",
        "outlet_note": "from ANN / The Korea Herald",
        "published_on": "2026-01-05",
        "kind": "news",
        "summary": "Seoul's presidential office describes the 90-minute Beijing summit: a "
        "step-by-step reopening of cultural exchanges, consultations on the Yellow "
        "Sea structures, illegal fishing and peace on the peninsula.",
    },
    "003": {
        "title": "Seoul, Beijing agree to step up high-level exchanges at vice-ministerial "
        "dialogue",
        "published_on": "2025-12-18",
        "kind": "news",
        "summary": "The 11th Vice Foreign Ministerial Strategic Dialogue agrees to follow up "
        "the November summit and to raise the pace of high-level exchanges.",
    },
    "004": {
        "title": "China and South Korea agree to strengthen cultural exchanges in an orderly, "
        "gradual manner",
        "published_on": "2026-01",
        "kind": "news",
        "summary": "After the Beijing summit the two countries plan a gradual increase in "
        "cultural exchanges and working-level talks on films, dramas and other "
        "content.",
    },
}

SERIES: list[dict] = [
    {
        "slug": "kr-cn-vice-foreign-ministerial-strategic-dialogue",
        "name": "Vice Foreign Ministerial Strategic Dialogue",
        "description": "High-level strategic dialogue between the foreign ministries of South Korea "
        "and China, set up under an agreement reached at their 2008 summit.",
    },
]

STATE_VISIT = "lee-jae-myung-state-visit-to-china-2026"
SUMMIT = "lee-xi-summit-beijing-2026-01-05"
STATE_VISIT_CONFLICT = (
    "000",
    "Says Lee “visited China on Jan. 5”, as if for one day; 002 reports a four-day state "
    "visit with the summit on Monday 5 January.",
    True,
)


def _p(slug: str, side: str, role: str, title: str) -> dict:
    return {"person": slug, "side": side, "role": role, "title": title}


# Participants at the 5 January 2026 summit, as listed in 002 (Kang Yu-jung gave the readout).
SUMMIT_PARTICIPANTS: list[dict] = [
    _p("xi-jinping", "CN", "host", "President"),
    _p("wang-yi", "CN", "delegation", "Foreign Minister"),
    _p("wang-wentao", "CN", "delegation", "Minister of Commerce"),
    _p("yin-hejun", "CN", "delegation", "Minister of Science and Technology"),
    _p("zheng-shanjie", "CN", "delegation", "Chair, National Development and Reform Commission"),
    _p("li-lecheng", "CN", "delegation", "Minister of Industry and Information Technology"),
    _p("han-shiming", "CN", "delegation", "Director of the President's Office"),
    _p("sun-weidong", "CN", "delegation", "Vice Foreign Minister"),
    _p("lee-jae-myung", "KR", "guest", "President"),
    _p(
        "koo-yun-cheol",
        "KR",
        "delegation",
        "Deputy Prime Minister and Minister of Economy and Finance",
    ),
    _p("wi-sung-lac", "KR", "delegation", "National Security Adviser"),
    _p("kim-yong-beom", "KR", "delegation", "Chief of Staff for Policy"),
    _p(
        "ha-jung-woo",
        "KR",
        "delegation",
        "Senior Presidential Secretary for AI Policy and Future Planning",
    ),
    _p("kim-jung-kwan", "KR", "delegation", "Minister of Trade, Industry and Resources"),
    _p("cho-hyun", "KR", "delegation", "Minister of Foreign Affairs"),
    _p("kang-yu-jung", "KR", "spokesperson", "Presidential Spokesperson"),
]

# Parents come before children so the parent exists when the child is saved.
EVENTS: list[dict] = [
    {
        "slug": "10th-vice-foreign-ministerial-strategic-dialogue",
        "title": "10th Korea–China Vice Foreign Ministerial Strategic Dialogue",
        "kind": "strategic_dialogue",
        "status": "held",
        "start": "2024-07",
        "city": "Seoul",
        "country": "KR",
        "series": "kr-cn-vice-foreign-ministerial-strategic-dialogue",
        "round": 10,
        "summary": "The tenth round of the dialogue, held in Seoul; the month is known, not the day.",
        "citations": [("003", "Mentions the 10th round in Seoul in July 2024.", False)],
        "participants": [],
    },
    {
        "slug": "cho-wang-foreign-ministers-meeting-2025-09-17",
        "title": "Foreign ministers' meeting: Cho Hyun and Wang Yi",
        "kind": "ministerial",
        "status": "held",
        "start": "2025-09-17",
        "city": "Beijing",
        "country": "CN",
        "summary": "South Korea's foreign minister met his Chinese counterpart in Beijing.",
        "citations": [
            ("000", "Photo caption: Cho and Wang met in Beijing on 17 September.", False)
        ],
        "participants": [
            _p("wang-yi", "CN", "host", "Foreign Minister"),
            _p("cho-hyun", "KR", "guest", "Minister of Foreign Affairs"),
        ],
    },
    {
        "slug": "lee-xi-summit-gyeongju-2025-11-01",
        "title": "First Lee–Xi summit, on the sidelines of APEC",
        "kind": "summit",
        "status": "held",
        "start": "2025-11-01",
        "city": "Gyeongju",
        "venue": "",
        "country": "KR",
        "summary": "The first meeting of the two presidents, held in Gyeongju, North Gyeongsang "
        "Province, during Xi's state visit for the APEC meetings — his first visit to "
        "South Korea since 2014.",
        "citations": [
            ("002", "Calls Lee's January visit a follow-up to Xi's APEC state visit.", False),
            ("003", "Xi's November visit was his first to South Korea since 2014.", False),
        ],
        "participants": [
            _p("lee-jae-myung", "KR", "host", "President"),
            _p("xi-jinping", "CN", "guest", "President"),
        ],
    },
    {
        "slug": "11th-vice-foreign-ministerial-strategic-dialogue",
        "title": "11th Korea–China Vice Foreign Ministerial Strategic Dialogue",
        "kind": "strategic_dialogue",
        "status": "held",
        "start": "2025-12-18",
        "city": "Beijing",
        "country": "CN",
        "series": "kr-cn-vice-foreign-ministerial-strategic-dialogue",
        "round": 11,
        "summary": "The first round under the Lee administration. Both sides agreed to carry out the "
        "follow-up to the November summit and to step up high-level exchanges, and "
        "discussed cultural exchanges, the Yellow Sea structures and North Korea.",
        "citations": [("003", "", False)],
        "participants": [
            _p("ma-zhaoxu", "CN", "host", "Executive Vice Foreign Minister"),
            _p("park-yoon-joo", "KR", "guest", "First Vice Foreign Minister"),
        ],
    },
    {
        "slug": "k-pop-concert-in-china-2026-01",
        "title": "Large-scale K-pop concert in China",
        "kind": "cultural",
        "status": "unconfirmed",
        "start": "2026-01",
        "country": "CN",
        "summary": "Seoul was reported to be pursuing a big K-pop concert in China in early January "
        "2026; the presidential office said nothing had been confirmed.",
        "citations": [("003", "Presidential office: “nothing has been confirmed”.", False)],
        "participants": [],
    },
    {
        "slug": STATE_VISIT,
        "title": "Lee Jae Myung's state visit to China",
        "kind": "state_visit",
        "status": "held",
        "start": "2026-01-04",
        "end": "2026-01-07",
        "city": "Beijing",
        "country": "CN",
        "summary": "A four-day state visit to Beijing and Shanghai, Lee's first trip to Beijing "
        "since taking office and a return visit for Xi's trip to Gyeongju.",
        "citations": [
            STATE_VISIT_CONFLICT,
            ("002", "Four-day state visit; summit on Monday 5 January.", False),
        ],
        "participants": [
            _p("xi-jinping", "CN", "host", "President"),
            _p("lee-jae-myung", "KR", "guest", "President"),
        ],
    },
    {
        "slug": SUMMIT,
        "title": "Second Lee–Xi summit",
        "parent": STATE_VISIT,
        "kind": "summit",
        "status": "held",
        "start": "2026-01-05",
        "city": "Beijing",
        "venue": "Great Hall of the People",
        "country": "CN",
        "summary": "About 90 minutes, 30 longer than planned. The leaders agreed to reopen cultural "
        "and content exchanges gradually, to keep consulting on the Yellow Sea "
        "structures, to make the West Sea a sea of peace and shared prosperity, and "
        "discussed illegal fishing and peace on the Korean Peninsula.",
        "citations": [
            (STATE_VISIT_CONFLICT[0], STATE_VISIT_CONFLICT[1], True),
            (
                "002",
                "Summit on Monday 5 January during a four-day state visit; "
                "readout by presidential spokesperson Kang Yu-jung.",
                False,
            ),
            ("004", "", False),
        ],
        "participants": SUMMIT_PARTICIPANTS,
    },
    {
        "slug": "korea-china-mou-signing-2026-01-05",
        "title": "Korea–China MoU signing ceremony",
        "parent": STATE_VISIT,
        "kind": "signing",
        "status": "held",
        "start": "2026-01-05",
        "city": "Beijing",
        "venue": "Great Hall of the People",
        "country": "CN",
        "summary": "The two presidents attended the signing of memorandums of understanding.",
        "citations": [("002", "Photo caption of the signing ceremony.", False)],
        "participants": [
            _p("xi-jinping", "CN", "host", "President"),
            _p("lee-jae-myung", "KR", "guest", "President"),
        ],
    },
    {
        "slug": "lee-remarks-to-reporters-shanghai-2026-01",
        "title": "Lee's remarks to reporters in Shanghai",
        "parent": STATE_VISIT,
        "kind": "press",
        "status": "held",
        "start": "2026-01",
        "city": "Shanghai",
        "country": "CN",
        "summary": "Lee said the two sides would hold working-level consultations on China's "
        "restrictions on Korean cultural content. The report gives no exact day.",
        "citations": [("001", "", False)],
        "participants": [_p("lee-jae-myung", "KR", "speaker", "President")],
    },
    {
        "slug": "kr-cabinet-meeting-2026-01-20",
        "title": "South Korean cabinet meeting",
        "kind": "cabinet",
        "status": "held",
        "start": "2026-01-20",
        "city": "Seoul",
        "country": "KR",
        "summary": "Asked about follow-up to the Beijing summit, Cho Hyun reported that foreign "
        "ministers' talks with Wang Yi were agreed for January–March.",
        "citations": [("000", "", False)],
        "participants": [
            _p("lee-jae-myung", "KR", "principal", "President"),
            _p("cho-hyun", "KR", "speaker", "Minister of Foreign Affairs"),
        ],
    },
    {
        "slug": "kr-mofa-briefing-2026-01-20",
        "title": "Foreign Ministry regular briefing",
        "kind": "briefing",
        "status": "held",
        "start": "2026-01-20",
        "city": "Seoul",
        "country": "KR",
        "summary": "The deputy spokesperson said the coming ministers' talks would cover the whole "
        "relationship, not a single issue.",
        "citations": [("000", "", False)],
        "participants": [_p("lee-moon-bae", "KR", "spokesperson", "Deputy Spokesperson")],
    },
    {
        "slug": "kr-cn-foreign-ministers-meeting-2026-q1",
        "title": "South Korea–China foreign ministers' meeting",
        "kind": "ministerial",
        "status": "expected",
        "start": "2026-Q1",
        "summary": "Agreed for some time within January–March 2026; date and place not yet set. "
        "Expected to focus on cultural exchanges and the Yellow Sea structures.",
        "citations": [("000", "Agreed “within the January-March period”.", False)],
        "participants": [
            _p("cho-hyun", "KR", "principal", "Minister of Foreign Affairs"),
            _p("wang-yi", "CN", "principal", "Foreign Minister"),
        ],
    },
    {
        "slug": "trump-visit-to-china-2026-04",
        "title": "Donald Trump's visit to China",
        "kind": "state_visit",
        "status": "planned",
        "start": "2026-04",
        "country": "CN",
        "summary": "A planned visit. Seoul sees it as a chance to revive nuclear diplomacy; a "
        "Trump–Kim Jong Un meeting around it has been speculated about.",
        "citations": [
            ("002", "Mentions the planned visit.", False),
            ("003", "Mentions a possible Trump–Kim summit during the April visit.", False),
        ],
        "participants": [
            _p("xi-jinping", "CN", "host", "President"),
            _p("donald-trump", "US", "guest", "President"),
            _p("kim-jong-un", "KP", "mentioned", "General Secretary"),
        ],
    },
]

# Keyed by (speaker, event or None, said date) so a re-run finds the same row.
STATEMENTS: list[dict] = [
    {
        "speaker": "xi-jinping",
        "event": SUMMIT,
        "said": "2026-01-05",
        "is_paraphrase": False,
        "text": "Three feet of ice does not melt in a single day, and fruit falls naturally when it "
        "ripens.",
        "citations": [
            ("000", "Read by observers as a hint of a gradual easing of restrictions.", False)
        ],
    },
    {
        "speaker": "lee-jae-myung",
        "event": SUMMIT,
        "said": "2026-01-05",
        "is_paraphrase": False,
        "text": "This summit will serve as an important turning point in making 2026 the first year "
        "of a full restoration of Korea-China relations.",
        "citations": [
            ("002", "", False),
            ("001", "Reports the same hope as “full-scale restoration”.", False),
        ],
    },
    {
        "speaker": "china-mfa-spokesperson",
        "speaker_label": "China's foreign ministry spokesperson",
        "event": None,
        "said": "2026-01",
        "is_paraphrase": True,
        "text": "Both sides agreed to carry out “orderly, healthy, and beneficial cultural "
        "exchanges”.",
        "citations": [("001", "The report does not name the spokesperson.", False)],
    },
    {
        "speaker": "lee-moon-bae",
        "event": "kr-mofa-briefing-2026-01-20",
        "said": "2026-01-20",
        "is_paraphrase": False,
        "text": "Foreign ministers' meetings do not deal with just one specific issue, but broadly "
        "cover issues related to overall bilateral relations.",
        "citations": [("000", "", False)],
    },
    {
        "speaker": "wi-sung-lac",
        "event": None,
        "said": "2026-01",
        "is_paraphrase": True,
        "text": "Told reporters after the summit he had “cautious expectations that progress could "
        "be made” on the Yellow Sea structures.",
        "citations": [("000", "", False)],
    },
]
