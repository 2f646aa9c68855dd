"""Demo issues with each side's stance, their timelines (developments) and links to events.

Citations are (source key, note, conflicts) tuples as in data_events.
"""

from __future__ import annotations

from devdata.demo.data_events import STATE_VISIT, SUMMIT

DIALOGUE_11 = "11th-vice-foreign-ministerial-strategic-dialogue"
FM_MEETING_Q1 = "kr-cn-foreign-ministers-meeting-2026-q1"
DENIAL_CONFLICT = (
    "003",
    "Says Beijing has consistently denied that any such restrictions exist; 001 and 004 "
    "treat them as real.",
    True,
)

ISSUES: list[dict] = [
    {
        "slug": "hallyu-ban",
        "keywords": [
            "Hallyu ban",
            "Hallyu",
            "THAAD",
            "K-pop",
            "K-dramas",
            "Korean cultural content",
            "Korean content",
            "Korean pop culture",
            "cultural restrictions",
            "한한령",
            "限韩令",
        ],
        "title": "Restrictions on Korean cultural content in China (“Hallyu ban”)",
        "category": "culture",
        "status": "easing",
        "started": "2016",
        "summary": "Since South Korea's 2016 decision to deploy the US THAAD missile-defence system, "
        "K-pop concerts, Korean dramas and films have been hard to find in China. Beijing "
        "says no ban exists. In January 2026 the two governments agreed to widen "
        "cultural exchanges step by step and to hold working-level talks.",
        "background": "<p>The restrictions were never announced: Korean performers stopped getting "
        "Chinese stages and Korean series disappeared from Chinese platforms. "
        "Reports call it the “Hallyu ban”; China's government denies there is "
        "one.</p><p>At the January 2026 summit the leaders agreed to expand cultural "
        "and content exchanges gradually, starting with areas both sides accept, "
        "and to discuss films, dramas and other content at working level.</p>",
        "events": [
            DIALOGUE_11,
            "k-pop-concert-in-china-2026-01",
            STATE_VISIT,
            SUMMIT,
            "lee-remarks-to-reporters-shanghai-2026-01",
            "kr-cabinet-meeting-2026-01-20",
            FM_MEETING_Q1,
        ],
        "related": ["restoring-high-level-exchanges"],
        "stances": [
            {
                "country": "KR",
                "as_of": "2026-01-05",
                "position": "Wants Korean music, dramas and films to reach Chinese audiences again; "
                "agreed to a gradual, step-by-step expansion and working-level talks on "
                "films, dramas and other content.",
                "citations": [("002", "", False), ("004", "", False), ("001", "", False)],
            },
            {
                "country": "CN",
                "as_of": "2025-12-18",
                "position": "Denies that any restrictions on Korean cultural content exist.",
                "citations": [DENIAL_CONFLICT],
            },
            {
                "country": "CN",
                "as_of": "2026-01",
                "position": "Agreed to “orderly, healthy, and beneficial” cultural exchanges, widened "
                "gradually — without acknowledging a ban.",
                "citations": [
                    ("001", "China's foreign ministry spokesperson.", False),
                    ("004", "", False),
                ],
            },
        ],
        "developments": [
            {
                "happened": "2016",
                "status_after": "active",
                "summary": "Korean content becomes hard to access in China after Seoul decides to "
                "deploy THAAD.",
                "citations": [("002", "", False), DENIAL_CONFLICT],
            },
            {
                "happened": "2025-12-18",
                "event": DIALOGUE_11,
                "status_after": "active",
                "summary": "Vice foreign ministers discuss ways to bring the two peoples closer "
                "through cultural exchanges.",
                "citations": [("003", "", False)],
            },
            {
                "happened": "2026-01-05",
                "event": SUMMIT,
                "status_after": "easing",
                "summary": "Lee and Xi agree to expand cultural and content exchanges gradually, "
                "starting where both sides agree.",
                "citations": [("002", "", False), ("004", "", False), ("000", "", False)],
            },
            {
                "happened": "2026-01",
                "event": "lee-remarks-to-reporters-shanghai-2026-01",
                "status_after": "easing",
                "summary": "Lee announces working-level consultations on the restrictions.",
                "citations": [("001", "", False)],
            },
            {
                "happened": "2026-01-20",
                "event": "kr-cabinet-meeting-2026-01-20",
                "status_after": "easing",
                "summary": "Foreign ministers' talks are agreed for January–March; observers see them "
                "as a test of Beijing's readiness to ease the restrictions.",
                "citations": [("000", "", False)],
            },
        ],
    },
    {
        "slug": "yellow-sea-pmz-structures",
        "keywords": [
            "Provisional Measures Zone",
            "PMZ",
            "steel structures",
            "maritime structures",
            "aquaculture structure",
            "Yellow Sea installations",
            "서해 구조물",
            "잠정조치수역",
            "暂定措施水域",
        ],
        "title": "Chinese structures in the Yellow Sea Provisional Measures Zone",
        "category": "maritime",
        "status": "consultation",
        "summary": "China has built steel structures in the Provisional Measures Zone, waters the "
        "two countries manage jointly. Beijing says they are for fish farming; Seoul "
        "worries about security and maritime jurisdiction. Both agreed to keep "
        "consulting.",
        "background": "<p>The Provisional Measures Zone in the Yellow (West) Sea is managed jointly "
        "under the 2000 Korea–China Fisheries Agreement, pending a maritime "
        "boundary.</p>",
        "events": [DIALOGUE_11, SUMMIT, FM_MEETING_Q1],
        "related": ["illegal-fishing-west-sea"],
        "stances": [
            {
                "country": "KR",
                "as_of": "2026-01-05",
                "position": "Concerned that the structures affect maritime jurisdiction and regional "
                "security; wants constructive consultations to produce results.",
                "citations": [("001", "", False), ("000", "", False)],
            },
            {
                "country": "CN",
                "as_of": "2026-01-05",
                "position": "Says the structures are for fish farming; indicated it would move support "
                "facilities near a deep-sea aquaculture structure.",
                "citations": [("001", "", False), ("000", "", False)],
            },
        ],
        "developments": [
            {
                "happened": "2025-12-18",
                "event": DIALOGUE_11,
                "status_after": "active",
                "summary": "Raised at the vice-ministerial strategic dialogue.",
                "citations": [("003", "", False)],
            },
            {
                "happened": "2026-01-05",
                "event": SUMMIT,
                "status_after": "consultation",
                "summary": "The leaders agree to continue “constructive consultations”; China signals "
                "it will move support facilities.",
                "citations": [("002", "", False), ("000", "", False)],
            },
        ],
    },
    {
        "slug": "illegal-fishing-west-sea",
        "keywords": ["illegal fishing", "fishing operations", "불법 조업", "非法捕捞"],
        "title": "Illegal fishing in the West (Yellow) Sea",
        "category": "fisheries",
        "status": "active",
        "summary": "Seoul wants China to rein in illegal fishing by Chinese boats in the West Sea "
        "through better guidance for fishers and stricter enforcement.",
        "background": "",
        "events": [SUMMIT],
        "related": ["yellow-sea-pmz-structures"],
        "stances": [
            {
                "country": "KR",
                "as_of": "2026-01-05",
                "position": "Urged China to improve order in West Sea fishing, guide its fishers and "
                "tighten enforcement.",
                "citations": [("002", "", False)],
            },
            {
                "country": "CN",
                "as_of": "2026-01-05",
                "position": "Shared the view that the West Sea should be a sea of peace and shared "
                "prosperity and agreed to keep communicating (Seoul's account).",
                "citations": [("002", "As reported by Seoul's presidential office.", False)],
            },
        ],
        "developments": [
            {
                "happened": "2026-01-05",
                "event": SUMMIT,
                "status_after": "active",
                "summary": "Lee raises illegal fishing at the summit; both sides will keep in touch.",
                "citations": [("002", "", False)],
            },
        ],
    },
    {
        "slug": "korean-peninsula-peace",
        "keywords": [
            "Korean Peninsula",
            "North Korea",
            "Pyongyang",
            "denuclearization",
            "nuclear diplomacy",
            "한반도",
            "북한",
            "朝鲜半岛",
        ],
        "title": "Peace on the Korean Peninsula and dialogue with North Korea",
        "category": "security",
        "status": "active",
        "summary": "Seoul asks Beijing to help bring North Korea back to talks. China says it will "
        "play a constructive role; Xi said patience is needed. Trump's planned April 2026 "
        "visit to China is seen as a chance to restart nuclear diplomacy.",
        "background": "",
        "events": [DIALOGUE_11, SUMMIT, "trump-visit-to-china-2026-04"],
        "related": ["restoring-high-level-exchanges"],
        "stances": [
            {
                "country": "KR",
                "as_of": "2026-01-05",
                "position": "Asks China to mediate and to help create conditions for dialogue with "
                "Pyongyang.",
                "citations": [("001", "", False), ("002", "", False), ("003", "", False)],
            },
            {
                "country": "CN",
                "as_of": "2026-01-05",
                "position": "Will play a constructive role for peace and stability on the peninsula; "
                "patience is needed in dealing with the North.",
                "citations": [("002", "", False), ("001", "", False), ("003", "", False)],
            },
        ],
        "developments": [
            {
                "happened": "2025-12-18",
                "event": DIALOGUE_11,
                "status_after": "active",
                "summary": "Park Yoon-joo asks China to help resume dialogue with North Korea; Ma "
                "Zhaoxu reaffirms China's constructive role.",
                "citations": [("003", "", False)],
            },
            {
                "happened": "2026-01-05",
                "event": SUMMIT,
                "status_after": "active",
                "summary": "The leaders call peace on the peninsula a shared interest; Lee asks Xi to "
                "mediate.",
                "citations": [("002", "", False), ("001", "", False)],
            },
        ],
    },
    {
        "slug": "restoring-high-level-exchanges",
        "keywords": [
            "high-level exchanges",
            "full restoration",
            "full-scale restoration",
            "strategic cooperative partnership",
            "고위급 교류",
            "高层交往",
        ],
        "title": "Restoring high-level exchanges",
        "category": "diplomacy",
        "status": "easing",
        "summary": "After years of strained ties, two summits in three months and a resumed "
        "strategic dialogue; Seoul calls 2026 “the first year of full restoration” of "
        "relations.",
        "background": "",
        "events": [
            "cho-wang-foreign-ministers-meeting-2025-09-17",
            "lee-xi-summit-gyeongju-2025-11-01",
            DIALOGUE_11,
            STATE_VISIT,
            SUMMIT,
            FM_MEETING_Q1,
        ],
        "related": ["hallyu-ban", "korean-peninsula-peace"],
        "stances": [
            {
                "country": "KR",
                "as_of": "2026-01-05",
                "position": "Wants 2026 to be the first year of a full restoration of relations and "
                "the strategic cooperative partnership made irreversible.",
                "citations": [("002", "", False), ("001", "", False)],
            },
            {
                "country": "CN",
                "as_of": "2026-01-05",
                "position": "Ready to put the strategic cooperative partnership on a sound track, "
                "while urging Seoul to make the “correct strategic choices”.",
                "citations": [("002", "", False)],
            },
        ],
        "developments": [
            {
                "happened": "2025-09-17",
                "event": "cho-wang-foreign-ministers-meeting-2025-09-17",
                "status_after": "active",
                "summary": "Foreign ministers meet in Beijing.",
                "citations": [("000", "", False)],
            },
            {
                "happened": "2025-11-01",
                "event": "lee-xi-summit-gyeongju-2025-11-01",
                "status_after": "active",
                "summary": "First Lee–Xi summit in Gyeongju; Xi's first visit to South Korea since "
                "2014.",
                "citations": [("003", "", False), ("002", "", False)],
            },
            {
                "happened": "2025-12-18",
                "event": DIALOGUE_11,
                "status_after": "easing",
                "summary": "Vice foreign ministers agree to step up high-level exchanges.",
                "citations": [("003", "", False)],
            },
            {
                "happened": "2026-01-05",
                "event": SUMMIT,
                "status_after": "easing",
                "summary": "Second summit during Lee's state visit to China.",
                "citations": [
                    ("002", "", False),
                    (
                        "000",
                        "Says Lee “visited China on Jan. 5”; 002 reports a four-day state visit.",
                        True,
                    ),
                ],
            },
        ],
    },
]
