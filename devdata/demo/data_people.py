"""Demo organizations and people (South Korea–China, as of January 2026), written for this site.

Dates are strings FuzzyDate.parse understands ("2025-06-04", "2025-07", "2026-Q1", "2016"); a
position whose start is not publicly certain has no start rather than an invented one.
"""

from __future__ import annotations

# slug -> fields. "parent" names another organization's slug.
ORGANIZATIONS: list[dict] = [
    # South Korea
    {
        "slug": "kr-office-of-the-president",
        "name": "Office of the President",
        "native_name": "대통령실",
        "country": "KR",
        "kind": "head_office",
        "description": "The South Korean president's office in Seoul.",
    },
    {
        "slug": "kr-national-security-office",
        "name": "National Security Office",
        "native_name": "국가안보실",
        "country": "KR",
        "kind": "head_office",
        "parent": "kr-office-of-the-president",
        "description": "The presidential office that coordinates security and foreign policy.",
    },
    {
        "slug": "kr-ministry-of-foreign-affairs",
        "name": "Ministry of Foreign Affairs",
        "native_name": "외교부",
        "abbreviation": "MOFA",
        "country": "KR",
        "kind": "ministry",
    },
    {
        "slug": "kr-ministry-of-economy-and-finance",
        "name": "Ministry of Economy and Finance",
        "native_name": "기획재정부",
        "abbreviation": "MOEF",
        "country": "KR",
        "kind": "ministry",
    },
    {
        "slug": "kr-ministry-of-trade-industry-and-resources",
        "name": "Ministry of Trade, Industry and Resources",
        "native_name": "산업통상자원부",
        "country": "KR",
        "kind": "ministry",
        "description": "Known in English as the Ministry of Trade, Industry and Energy until its "
        "energy portfolio moved to another ministry in 2025.",
    },
    # China
    {
        "slug": "cn-office-of-the-president",
        "name": "Office of the President of China",
        "country": "CN",
        "kind": "head_office",
        "description": "The office serving the President of the People's Republic of China.",
    },
    {
        "slug": "cn-communist-party",
        "name": "Communist Party of China",
        "native_name": "中国共产党",
        "abbreviation": "CPC",
        "country": "CN",
        "kind": "party",
    },
    {
        "slug": "cn-ministry-of-foreign-affairs",
        "name": "Ministry of Foreign Affairs of China",
        "native_name": "外交部",
        "abbreviation": "MFA",
        "country": "CN",
        "kind": "ministry",
    },
    {
        "slug": "cn-ministry-of-commerce",
        "name": "Ministry of Commerce of China",
        "native_name": "商务部",
        "abbreviation": "MOFCOM",
        "country": "CN",
        "kind": "ministry",
    },
    {
        "slug": "cn-ministry-of-science-and-technology",
        "name": "Ministry of Science and Technology of China",
        "native_name": "科学技术部",
        "abbreviation": "MOST",
        "country": "CN",
        "kind": "ministry",
    },
    {
        "slug": "cn-national-development-and-reform-commission",
        "name": "National Development and Reform Commission",
        "native_name": "国家发展和改革委员会",
        "abbreviation": "NDRC",
        "country": "CN",
        "kind": "agency",
    },
    {
        "slug": "cn-ministry-of-industry-and-information-technology",
        "name": "Ministry of Industry and Information Technology of China",
        "native_name": "工业和信息化部",
        "abbreviation": "MIIT",
        "country": "CN",
        "kind": "ministry",
    },
    # Others
    {
        "slug": "us-office-of-the-president",
        "name": "Office of the President of the United States",
        "country": "US",
        "kind": "head_office",
    },
    {
        "slug": "kp-workers-party-of-korea",
        "name": "Workers' Party of Korea",
        "native_name": "조선로동당",
        "abbreviation": "WPK",
        "country": "KP",
        "kind": "party",
    },
    # Media outlets (the five demo sources)
    {
        "slug": "the-korea-herald",
        "name": "The Korea Herald",
        "country": "KR",
        "kind": "media",
        "description": "English-language daily newspaper published in Seoul.",
    },
    {
        "slug": "allycaral",
        "name": "Allycaral",
        "kind": "media",
        "description": "Online publication; its International Desk covered the 2026 state visit.",
    },
    {
        "slug": "diplomat-daily",
        "name": "Diplomat Daily",
        "kind": "media",
        "description": "Online publication that republished Asia News Network copy.",
    },
]

KR_MOFA = "kr-ministry-of-foreign-affairs"
KR_OFFICE = "kr-office-of-the-president"
CN_MFA = "cn-ministry-of-foreign-affairs"


def _names(*forms: tuple[str, str, str, str]) -> list[dict]:
    """(name, kind, language, script) tuples as dicts."""
    return [{"name": n, "kind": k, "language": lang, "script": s} for n, k, lang, s in forms]


# Every person: names, country, a short bio in our own words, and positions held.
PEOPLE: list[dict] = [
    # --- South Korea
    {
        "slug": "lee-jae-myung",
        "display_name": "Lee Jae Myung",
        "native_name": "이재명",
        "sort_name": "Lee Jae Myung",
        "country": "KR",
        "bio": "President of South Korea since 4 June 2025, after winning the snap election held the "
        "day before. His January 2026 state visit to China was his first trip to Beijing in "
        "office.",
        "names": _names(
            ("Lee Jae-myung", "romanization", "en", "Latn"),
            ("Lee Jae-Myung", "romanization", "en", "Latn"),
            ("Yi Jae-myeong", "romanization", "ko-Latn", "Latn"),
            ("李在明", "native", "ko", "Hani"),
        ),
        "positions": [{"title": "President", "org": KR_OFFICE, "start": "2025-06-04"}],
    },
    {
        "slug": "cho-hyun",
        "display_name": "Cho Hyun",
        "native_name": "조현",
        "sort_name": "Cho Hyun",
        "country": "KR",
        "bio": "Career diplomat serving as South Korea's foreign minister. He met Wang Yi in Beijing "
        "in September 2025 and reported in January 2026 that the two had agreed to meet again "
        "within the first quarter.",
        "names": _names(
            ("Jo Hyeon", "romanization", "ko-Latn", "Latn"),
            ("Cho Hyeon", "romanization", "en", "Latn"),
        ),
        "positions": [{"title": "Minister of Foreign Affairs", "org": KR_MOFA, "start": "2025-07"}],
    },
    {
        "slug": "wi-sung-lac",
        "display_name": "Wi Sung-lac",
        "native_name": "위성락",
        "sort_name": "Wi Sung-lac",
        "country": "KR",
        "bio": "Former career diplomat who heads the presidential National Security Office as "
        "national security adviser. He briefed reporters on the cultural and maritime "
        "outcomes of the January 2026 summit.",
        "names": _names(
            ("Wi Seong-rak", "romanization", "ko-Latn", "Latn"),
            ("Wi Sung-rak", "romanization", "en", "Latn"),
        ),
        "positions": [
            {
                "title": "National Security Adviser",
                "org": "kr-national-security-office",
                "start": "2025-06",
            }
        ],
    },
    {
        "slug": "kang-yu-jung",
        "display_name": "Kang Yu-jung",
        "native_name": "강유정",
        "sort_name": "Kang Yu-jung",
        "country": "KR",
        "bio": "Spokesperson of the South Korean presidential office; she gave Seoul's account of "
        "the 5 January 2026 summit.",
        "names": _names(
            ("Kang Yoo-jung", "romanization", "en", "Latn"),
            ("Gang Yu-jeong", "romanization", "ko-Latn", "Latn"),
        ),
        "positions": [{"title": "Presidential Spokesperson", "org": KR_OFFICE, "start": "2025-06"}],
    },
    {
        "slug": "lee-moon-bae",
        "display_name": "Lee Moon-bae",
        "sort_name": "Lee Moon-bae",
        "country": "KR",
        "bio": "Deputy spokesperson of South Korea's Ministry of Foreign Affairs, who speaks at the "
        "ministry's regular briefings.",
        "names": _names(("Lee Moon Bae", "romanization", "en", "Latn")),
        "positions": [{"title": "Deputy Spokesperson", "org": KR_MOFA}],
    },
    {
        "slug": "park-yoon-joo",
        "display_name": "Park Yoon-joo",
        "native_name": "박윤주",
        "sort_name": "Park Yoon-joo",
        "country": "KR",
        "bio": "South Korea's First Vice Foreign Minister. She led Seoul's side at the 11th Vice "
        "Foreign Ministerial Strategic Dialogue in Beijing in December 2025.",
        "names": _names(("Park Yun-ju", "romanization", "ko-Latn", "Latn")),
        "positions": [{"title": "First Vice Foreign Minister", "org": KR_MOFA, "start": "2025-06"}],
    },
    {
        "slug": "koo-yun-cheol",
        "display_name": "Koo Yun-cheol",
        "native_name": "구윤철",
        "sort_name": "Koo Yun-cheol",
        "country": "KR",
        "bio": "Deputy prime minister for the economy and finance minister; a member of the "
        "delegation at the January 2026 Beijing summit.",
        "names": _names(
            ("Gu Yun-cheol", "romanization", "ko-Latn", "Latn"),
            ("Koo Yun-chul", "romanization", "en", "Latn"),
        ),
        "positions": [
            {
                "title": "Deputy Prime Minister and Minister of Economy and Finance",
                "org": "kr-ministry-of-economy-and-finance",
                "start": "2025-07",
            }
        ],
    },
    {
        "slug": "kim-yong-beom",
        "display_name": "Kim Yong-beom",
        "native_name": "김용범",
        "sort_name": "Kim Yong-beom",
        "country": "KR",
        "bio": "The president's chief of staff for policy; part of the South Korean delegation at "
        "the January 2026 summit.",
        "names": _names(("Kim Yong Beom", "romanization", "en", "Latn")),
        "positions": [{"title": "Chief of Staff for Policy", "org": KR_OFFICE, "start": "2025-06"}],
    },
    {
        "slug": "ha-jung-woo",
        "display_name": "Ha Jung-woo",
        "native_name": "하정우",
        "sort_name": "Ha Jung-woo",
        "country": "KR",
        "bio": "Senior presidential secretary for artificial intelligence policy and future "
        "planning; he joined the delegation at the January 2026 summit.",
        "names": _names(("Ha Jeong-u", "romanization", "ko-Latn", "Latn")),
        "positions": [
            {
                "title": "Senior Presidential Secretary for AI Policy and Future Planning",
                "org": KR_OFFICE,
                "start": "2025-06",
            }
        ],
    },
    {
        "slug": "kim-jung-kwan",
        "display_name": "Kim Jung-kwan",
        "native_name": "김정관",
        "sort_name": "Kim Jung-kwan",
        "country": "KR",
        "bio": "South Korea's industry and trade minister; part of the delegation at the January "
        "2026 summit.",
        "names": _names(("Kim Jeong-gwan", "romanization", "ko-Latn", "Latn")),
        "positions": [
            {
                "title": "Minister of Trade, Industry and Energy",
                "org": "kr-ministry-of-trade-industry-and-resources",
                "start": "2025-07",
                "end": "2025-09",
            },
            {
                "title": "Minister of Trade, Industry and Resources",
                "org": "kr-ministry-of-trade-industry-and-resources",
                "start": "2025-10",
            },
        ],
    },
    # --- China
    {
        "slug": "xi-jinping",
        "display_name": "Xi Jinping",
        "native_name": "习近平",
        "sort_name": "Xi Jinping",
        "country": "CN",
        "bio": "President of the People's Republic of China since 2013 and General Secretary of the "
        "Communist Party of China since 2012. He met Lee Jae Myung in Gyeongju in November "
        "2025 and hosted him in Beijing in January 2026.",
        "names": _names(
            ("習近平", "native", "zh-Hant", "Hant"),
            ("시진핑", "translation", "ko", "Hang"),
            ("Jinping Xi", "alias", "en", "Latn"),
            ("Xi Jin-ping", "romanization", "en", "Latn"),
        ),
        "positions": [
            {"title": "President", "org": "cn-office-of-the-president", "start": "2013-03-14"},
            {
                "title": "General Secretary",
                "org": "cn-communist-party",
                "start": "2012-11-15",
                "primary": False,
            },
        ],
    },
    {
        "slug": "wang-yi",
        "display_name": "Wang Yi",
        "native_name": "王毅",
        "sort_name": "Wang Yi",
        "country": "CN",
        "bio": "China's foreign minister, a post he first held from 2013 to 2022 and returned to in "
        "July 2023.",
        "names": _names(("왕이", "translation", "ko", "Hang")),
        "positions": [
            {"title": "Foreign Minister", "org": CN_MFA, "start": "2013-03", "end": "2022-12"},
            {"title": "Foreign Minister", "org": CN_MFA, "start": "2023-07-25"},
        ],
    },
    {
        "slug": "ma-zhaoxu",
        "display_name": "Ma Zhaoxu",
        "native_name": "马朝旭",
        "sort_name": "Ma Zhaoxu",
        "country": "CN",
        "bio": "China's Executive Vice Foreign Minister; he hosted the 11th Vice Foreign Ministerial "
        "Strategic Dialogue in Beijing in December 2025.",
        "names": _names(
            ("馬朝旭", "native", "zh-Hant", "Hant"), ("마자오쉬", "translation", "ko", "Hang")
        ),
        "positions": [{"title": "Executive Vice Foreign Minister", "org": CN_MFA}],
    },
    {
        "slug": "sun-weidong",
        "display_name": "Sun Weidong",
        "native_name": "孙卫东",
        "sort_name": "Sun Weidong",
        "country": "CN",
        "bio": "Chinese Vice Foreign Minister; part of China's side at the January 2026 summit.",
        "names": _names(("쑨웨이둥", "translation", "ko", "Hang")),
        "positions": [{"title": "Vice Foreign Minister", "org": CN_MFA}],
    },
    {
        "slug": "wang-wentao",
        "display_name": "Wang Wentao",
        "native_name": "王文涛",
        "sort_name": "Wang Wentao",
        "country": "CN",
        "bio": "China's commerce minister; part of China's side at the January 2026 summit.",
        "names": _names(("王文濤", "native", "zh-Hant", "Hant")),
        "positions": [
            {"title": "Minister of Commerce", "org": "cn-ministry-of-commerce", "start": "2020-12"}
        ],
    },
    {
        "slug": "yin-hejun",
        "display_name": "Yin Hejun",
        "native_name": "阴和俊",
        "sort_name": "Yin Hejun",
        "country": "CN",
        "bio": "China's science and technology minister; part of China's side at the January 2026 "
        "summit.",
        "names": _names(("陰和俊", "native", "zh-Hant", "Hant")),
        "positions": [
            {
                "title": "Minister of Science and Technology",
                "org": "cn-ministry-of-science-and-technology",
                "start": "2023",
            }
        ],
    },
    {
        "slug": "zheng-shanjie",
        "display_name": "Zheng Shanjie",
        "native_name": "郑栅洁",
        "sort_name": "Zheng Shanjie",
        "country": "CN",
        "bio": "Chair of China's National Development and Reform Commission, the state planning "
        "agency; part of China's side at the January 2026 summit.",
        "names": _names(("鄭柵潔", "native", "zh-Hant", "Hant")),
        "positions": [
            {
                "title": "Chair",
                "org": "cn-national-development-and-reform-commission",
                "start": "2023",
            }
        ],
    },
    {
        "slug": "li-lecheng",
        "display_name": "Li Lecheng",
        "native_name": "李乐成",
        "sort_name": "Li Lecheng",
        "country": "CN",
        "bio": "China's minister of industry and information technology; part of China's side at "
        "the January 2026 summit.",
        "names": _names(("李樂成", "native", "zh-Hant", "Hant")),
        "positions": [
            {
                "title": "Minister of Industry and Information Technology",
                "org": "cn-ministry-of-industry-and-information-technology",
            }
        ],
    },
    {
        "slug": "han-shiming",
        "display_name": "Han Shiming",
        "sort_name": "Han Shiming",
        "country": "CN",
        "bio": "Named in Korean reporting as director of the Chinese President's Office; part of "
        "China's side at the January 2026 summit.",
        "names": [],
        "positions": [
            {"title": "Director of the President's Office", "org": "cn-office-of-the-president"}
        ],
    },
    {
        "slug": "china-mfa-spokesperson",
        "display_name": "Spokesperson, Ministry of Foreign Affairs of China",
        "sort_name": "Spokesperson, Ministry of Foreign Affairs of China",
        "country": "CN",
        "bio": "Not one person: this record holds statements that reports attribute only to "
        "“China's foreign ministry spokesperson” without naming who spoke.",
        "names": _names(("Chinese foreign ministry spokesperson", "alias", "en", "Latn")),
        "positions": [{"title": "Spokesperson", "org": CN_MFA}],
    },
    # --- Others
    {
        "slug": "donald-trump",
        "display_name": "Donald Trump",
        "sort_name": "Trump, Donald",
        "country": "US",
        "bio": "President of the United States (2017–2021, and again since January 2025). A visit to "
        "China was planned for April 2026.",
        "names": _names(
            ("Donald J. Trump", "alias", "en", "Latn"),
            ("도널드 트럼프", "translation", "ko", "Hang"),
            ("唐纳德·特朗普", "translation", "zh-Hans", "Hans"),
        ),
        "positions": [
            {
                "title": "President",
                "org": "us-office-of-the-president",
                "start": "2017-01-20",
                "end": "2021-01-20",
            },
            {"title": "President", "org": "us-office-of-the-president", "start": "2025-01-20"},
        ],
    },
    {
        "slug": "kim-jong-un",
        "display_name": "Kim Jong Un",
        "native_name": "김정은",
        "sort_name": "Kim Jong Un",
        "country": "KP",
        "bio": "Leader of North Korea since 2011. A meeting with Donald Trump was speculated about "
        "around Trump's planned April 2026 visit to China.",
        "names": _names(
            ("Kim Jong-un", "romanization", "en", "Latn"),
            ("金正恩", "translation", "zh-Hans", "Hans"),
        ),
        "positions": [
            {"title": "General Secretary", "org": "kp-workers-party-of-korea", "start": "2021-01"}
        ],
    },
    # --- Journalists (authors of demo sources)
    {
        "slug": "jung-min-kyung",
        "display_name": "Jung Min-kyung",
        "sort_name": "Jung Min-kyung",
        "country": "KR",
        "bio": "Reporter at The Korea Herald.",
        "names": _names(("Jung Min Kyung", "romanization", "en", "Latn")),
        "positions": [{"title": "Reporter", "org": "the-korea-herald"}],
    },
    {
        "slug": "tanisha-cardozo",
        "display_name": "Tanisha Cardozo",
        "sort_name": "Cardozo, Tanisha",
        "bio": "Writer on Allycaral's International Desk.",
        "names": [],
        "positions": [{"title": "Writer, International Desk", "org": "allycaral"}],
    },
]
